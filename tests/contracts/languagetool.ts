import { z } from "zod";

/**
 * LanguageTool's HTTP API (`POST /v2/check`) as Zod schemas, so our client's requests and the loopback
 * fake's answers are both held to the published definition rather than to our own reading of it.
 *
 * Sources: LanguageTool's HTTP API documentation (https://languagetool.org/http-api/, its Swagger document
 * `languagetool-swagger.json`, operation POST /check) and the server's documented sample answer (e.g. the
 * `curl --data "language=en-US&text=a simple test" http://localhost:8081/v2/check` response reproduced in
 * self-hosting guides). Written in our own words; only the fields we send or read plus the ones the docs
 * mark required.
 *
 * Request: `application/x-www-form-urlencoded`; `language` is required, and exactly one of `text` or `data`.
 * `data` is a JSON document `{"annotation": [{"text": …} | {"markup": …, "interpretAs"?: …}]}`: markup is
 * not checked, `interpretAs` says what it stands for (e.g. "\n\n" for a paragraph break), and the offsets
 * of the answer count every character of the annotation (text AND markup), so they are positions in the
 * original marked-up document.
 *
 * Response objects are not strict: servers add fields between versions (e.g. `sentenceRanges`), and a
 * client must ignore what it does not know. The fake is checked to send every field the docs require.
 */

/** Language codes as the docs describe them: "auto", "en", "en-US", "ca-ES-valencia"… */
const languageCode = z.string().regex(/^(auto|[a-zA-Z]{2,3}(-[a-zA-Z]{2}(-[a-zA-Z]+)*)?)$/);

export const annotationPartSchema = z.union([
  z.strictObject({ text: z.string() }),
  z.strictObject({ markup: z.string(), interpretAs: z.string().optional() }),
]);
export const annotatedDataSchema = z.strictObject({ annotation: z.array(annotationPartSchema).min(1) });

const commaList = z.string().regex(/^[^,]+(,[^,]+)*$/);

/** The form fields of POST /v2/check (every value is a string on the wire). */
export const checkRequestFormSchema = z
  .strictObject({
    language: languageCode,
    text: z.string().optional(),
    /** JSON text of `annotatedDataSchema`. */
    data: z
      .string()
      .refine((value) => {
        try {
          return annotatedDataSchema.safeParse(JSON.parse(value)).success;
        } catch {
          return false;
        }
      }, "data is not an annotation document")
      .optional(),
    motherTongue: languageCode.optional(),
    preferredVariants: commaList.optional(),
    enabledRules: commaList.optional(),
    disabledRules: commaList.optional(),
    enabledCategories: commaList.optional(),
    disabledCategories: commaList.optional(),
    enabledOnly: z.enum(["true", "false"]).optional(),
    /** "picky" adds rules that are too noisy for the default level. */
    level: z.enum(["default", "picky"]).optional(),
    username: z.string().optional(),
    apiKey: z.string().optional(),
  })
  .refine((form) => (form.text === undefined) !== (form.data === undefined), {
    message: "exactly one of text and data is required",
  });

const replacementSchema = z.object({ value: z.string(), shortDescription: z.string().optional() });

export const checkMatchSchema = z.object({
  message: z.string(),
  shortMessage: z.string().optional(),
  replacements: z.array(replacementSchema),
  offset: z.number().int().min(0),
  length: z.number().int().min(0),
  context: z.object({ text: z.string(), offset: z.number().int().min(0), length: z.number().int().min(0) }),
  sentence: z.string().optional(),
  type: z.object({ typeName: z.string() }).optional(),
  rule: z.object({
    id: z.string().min(1),
    subId: z.string().optional(),
    description: z.string(),
    urls: z.array(z.object({ value: z.string() })).optional(),
    /** The ITS 2.0 Localization Quality issue type: misspelling, grammar, style, typographical, … */
    issueType: z.string().optional(),
    category: z.object({ id: z.string(), name: z.string() }),
  }),
  ignoreForIncompleteSentence: z.boolean().optional(),
  contextForSureMatch: z.number().int().optional(),
});

export const checkResponseSchema = z.object({
  software: z.object({
    name: z.string(),
    version: z.string(),
    buildDate: z.string(),
    apiVersion: z.number().int(),
    premium: z.boolean().optional(),
    premiumHint: z.string().optional(),
    status: z.string().optional(),
  }),
  warnings: z.object({ incompleteResults: z.boolean() }).optional(),
  language: z.object({
    name: z.string(),
    code: z.string(),
    detectedLanguage: z.object({ name: z.string(), code: z.string(), confidence: z.number().optional() }),
  }),
  matches: z.array(checkMatchSchema),
});

/** The sample answer of the docs (LanguageTool 4.6, "a simple test" in en-US), to test the schema itself. */
export const documentedSampleResponse = {
  software: {
    name: "LanguageTool",
    version: "4.6",
    buildDate: "2019-06-26 07:28",
    apiVersion: 1,
    premium: false,
    premiumHint: "You might be missing errors only the Premium version can find.",
    status: "",
  },
  warnings: { incompleteResults: false },
  language: {
    name: "English (US)",
    code: "en-US",
    detectedLanguage: { name: "French", code: "fr", confidence: 0.815771 },
  },
  matches: [
    {
      message: "This sentence does not start with an uppercase letter",
      shortMessage: "",
      replacements: [{ value: "A" }],
      offset: 0,
      length: 1,
      context: { text: "a simple test", offset: 0, length: 1 },
      sentence: "a simple test",
      type: { typeName: "Other" },
      rule: {
        id: "UPPERCASE_SENTENCE_START",
        description: "Checks that a sentence starts with an uppercase letter",
        issueType: "typographical",
        category: { id: "CASING", name: "Capitalization" },
      },
      ignoreForIncompleteSentence: true,
      contextForSureMatch: -1,
    },
  ],
};

/** Rebuilds the checked plain text of an annotation (text, and markup as what it is interpreted as). */
export function plainTextOf(annotation: z.infer<typeof annotatedDataSchema>["annotation"]): string {
  return annotation.map((part) => ("text" in part ? part.text : (part.interpretAs ?? ""))).join("");
}
