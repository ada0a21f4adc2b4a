// Validation messages by key. Two kinds live here:
// - our schemas' own messages (`validation.title.required`…), whose English is the sentence the API has always
//   answered with, word for word;
// - Zod's default messages, keyed by issue shape (`validation.tooSmall.characters.other`…), whose English
//   reproduces Zod's own text exactly, so the public API's English does not change.
// `{name}` placeholders are filled from the parameters; `expected`/`received` are looked up in `types`
// and `comparison` in `comparison` first (see src/i18n/validation/render-message.ts).

export const validationEn = {
  untranslated: "{message}",
  invalid: "Invalid input",
  book: {
    tooManyChapters: "A book has at most 500 chapters",
    chapterCountMin: "At least 1 chapter",
    chapterCountMax: "At most 50 chapters",
    targetWordsMin: "At least 500 words",
    targetWordsMax: "At most 200,000 words",
    language: "Choose English (en) or French (fr)",
    languageVariant: "Choose en-US, en-GB or fr-FR",
    audienceRequired: "Describe the audience",
    toneRequired: "Describe the tone",
    topicRequired: "Describe the topic in a few words",
    goalRequired: "Say what the reader should get from it",
    reviewPlan: "Say true or false",
    updateEmpty: "Send at least one of title, topic, goal, audience, tone, language, languageVariant",
  },
  title: {
    required: "Enter a title",
    oneLine: "Keep the title on one line",
  },
  chapter: {
    titleOrContent: "Send a new title or content",
    contentString: "Send the chapter text as a string",
    updatedAt: "Send the updatedAt you last read, as an ISO 8601 date",
  },
  chapters: {
    idIsString: "Each chapter id is a string",
    unique: "List each chapter once",
    order: "Send chapterIds: every chapter id of the book, in the new order",
  },
  apiKey: {
    scopeRequired: "Choose at least one scope",
    nameRequired: "Name the key",
  },
  planGrant: {
    reasonRequired: "Say why the plan is granted",
    nothingToChange: "Change the plan, the reason or the end date",
  },
  emailAddress: { invalid: "Enter a valid email address" },
  name: { required: "Enter your name" },
  ids: {
    required: "Give at least one id",
    orAll: "Give ids or all: true",
  },
  identifier: { characters: "Letters, digits, dots, dashes and underscores only" },
  pricing: {
    currency: "Use a three-letter currency code such as USD or EUR",
    price: "Enter a price per 1,000 tokens between 0 and 1,000",
  },
  url: {
    full: "Enter a full URL (https://…)",
    http: "Must be an http(s) URL",
    scheme: "Use an http:// or https:// URL",
    privateAddress: "private and loopback addresses are not allowed",
    privateAddressDetail: "private and loopback addresses are not allowed ({detail})",
  },
  number: {
    required: "Enter a number",
    integer: "Use a whole number",
  },
  update: { empty: "Nothing to update" },
  text: {
    controlCharacters: "Remove the control characters (such as NUL) from this text",
    noControlCharacters: "Remove control characters",
    printableAscii: "Use printable ASCII characters without spaces",
  },
  org: {
    confirmSlug: "Type the organization's URL name",
    slugFormat: "Use lowercase letters, digits and single dashes",
  },
  unknown: {
    action: "Unknown action",
    format: "Unknown format",
  },
  length: {
    min2: "Use at least 2 characters",
    max48: "Use at most 48 characters",
    max80: "Use at most 80 characters",
    max200: "Use at most 200 characters",
    max500: "Use at most 500 characters",
    max2000: "Use at most 2000 characters",
  },
  storage: { pathSegments: "Use path segments without '..', control characters or empty parts" },
  revision: {
    id: "Use a revision id from the history",
    chapter: "Use a chapter number from that version",
    name: "Send the name as text",
    nameLength: "Use at most 120 characters for the name",
  },
  page: { cursor: "Use the nextCursor of the previous page" },

  // Zod's defaults, by issue shape.
  invalidType: {
    missing: "Invalid input: expected {expected}, received undefined",
    wrong: "Invalid input: expected {expected}, received {received}",
  },
  invalidValue: {
    single: "Invalid input: expected {value}",
    oneOf: "Invalid option: expected one of {values}",
  },
  tooSmall: {
    characters: {
      one: "Too small: expected {origin} to have {comparison}{minimum} characters",
      other: "Too small: expected {origin} to have {comparison}{minimum} characters",
    },
    items: {
      one: "Too small: expected {origin} to have {comparison}{minimum} items",
      other: "Too small: expected {origin} to have {comparison}{minimum} items",
    },
    entries: {
      one: "Too small: expected {origin} to have {comparison}{minimum} entries",
      other: "Too small: expected {origin} to have {comparison}{minimum} entries",
    },
    bytes: {
      one: "Too small: expected {origin} to have {comparison}{minimum} bytes",
      other: "Too small: expected {origin} to have {comparison}{minimum} bytes",
    },
    value: "Too small: expected {origin} to be {comparison}{minimum}",
  },
  tooBig: {
    characters: {
      one: "Too big: expected {origin} to have {comparison}{maximum} characters",
      other: "Too big: expected {origin} to have {comparison}{maximum} characters",
    },
    items: {
      one: "Too big: expected {origin} to have {comparison}{maximum} items",
      other: "Too big: expected {origin} to have {comparison}{maximum} items",
    },
    entries: {
      one: "Too big: expected {origin} to have {comparison}{maximum} entries",
      other: "Too big: expected {origin} to have {comparison}{maximum} entries",
    },
    bytes: {
      one: "Too big: expected {origin} to have {comparison}{maximum} bytes",
      other: "Too big: expected {origin} to have {comparison}{maximum} bytes",
    },
    value: "Too big: expected {origin} to be {comparison}{maximum}",
  },
  invalidFormat: {
    email: "Invalid email address",
    url: "Invalid URL",
    datetime: "Invalid ISO datetime",
    date: "Invalid ISO date",
    time: "Invalid ISO time",
    duration: "Invalid ISO duration",
    uuid: "Invalid UUID",
    regex: "Invalid string: must match pattern {pattern}",
    startsWith: 'Invalid string: must start with "{prefix}"',
    endsWith: 'Invalid string: must end with "{suffix}"',
    includes: 'Invalid string: must include "{includes}"',
    other: "Invalid {format}",
  },
  notMultipleOf: "Invalid number: must be a multiple of {divisor}",
  unrecognizedKeys: {
    one: "Unrecognized key: {keys}",
    other: "Unrecognized keys: {keys}",
  },
  invalidKey: "Invalid key in {origin}",
  invalidElement: "Invalid value in {origin}",
  invalidUnion: {
    ambiguous: "Invalid input: more than one option matched",
    discriminator: "Invalid discriminator value. Expected {options}",
  },
  // Words put into the sentences above.
  types: {
    string: "string",
    number: "number",
    int: "int",
    boolean: "boolean",
    object: "object",
    array: "array",
    date: "date",
    null: "null",
    nan: "NaN",
    bigint: "bigint",
  },
  comparison: {
    atLeast: ">=",
    moreThan: ">",
    atMost: "<=",
    lessThan: "<",
    exactly: "exactly ",
  },
};
