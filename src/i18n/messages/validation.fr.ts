import type { DeepStrings } from "@/i18n/translate";
import type { validationEn } from "./validation.en";

/** French for src/i18n/messages/validation.en.ts (same keys; a test checks it). */
export const validationFr: DeepStrings<typeof validationEn> = {
  untranslated: "{message}",
  invalid: "Entrée invalide",
  book: {
    tooManyChapters: "Un livre a au plus 500 chapitres",
    chapterCountMin: "Au moins 1 chapitre",
    chapterCountMax: "Au plus 50 chapitres",
    targetWordsMin: "Au moins 500 mots",
    targetWordsMax: "Au plus 200 000 mots",
    language: "Choisissez l’anglais (en) ou le français (fr)",
    languageVariant: "Choisissez en-US, en-GB ou fr-FR",
    audienceRequired: "Décrivez le public",
    toneRequired: "Décrivez le ton",
    topicRequired: "Décrivez le sujet en quelques mots",
    goalRequired: "Dites ce que le lecteur doit en retirer",
    reviewPlan: "Indiquez true ou false",
    updateEmpty: "Envoyez au moins l’un de ces champs : title, topic, goal, audience, tone, language, languageVariant",
  },
  title: {
    required: "Saisissez un titre",
    oneLine: "Gardez le titre sur une seule ligne",
  },
  chapter: {
    titleOrContent: "Envoyez un nouveau titre ou un nouveau contenu",
    contentString: "Envoyez le texte du chapitre sous forme de chaîne",
    updatedAt: "Envoyez le updatedAt lu en dernier, en date ISO 8601",
  },
  chapters: {
    idIsString: "Chaque identifiant de chapitre est une chaîne",
    unique: "Citez chaque chapitre une seule fois",
    order: "Envoyez chapterIds : tous les identifiants de chapitre du livre, dans le nouvel ordre",
  },
  apiKey: {
    scopeRequired: "Choisissez au moins une portée",
    nameRequired: "Nommez la clé",
  },
  planGrant: {
    reasonRequired: "Indiquez pourquoi l’offre est accordée",
    nothingToChange: "Modifiez l’offre, la raison ou la date de fin",
  },
  emailAddress: { invalid: "Saisissez une adresse e-mail valide" },
  name: { required: "Saisissez votre nom" },
  ids: {
    required: "Donnez au moins un identifiant",
    orAll: "Donnez des identifiants ou all: true",
  },
  identifier: { characters: "Lettres, chiffres, points, tirets et tirets bas uniquement" },
  pricing: {
    currency: "Utilisez un code de devise à trois lettres, comme USD ou EUR",
    price: "Saisissez un prix pour 1 000 jetons entre 0 et 1 000",
  },
  url: {
    full: "Saisissez une URL complète (https://…)",
    http: "Doit être une URL http(s)",
    scheme: "Utilisez une URL http:// ou https://",
    privateAddress: "les adresses privées et de bouclage ne sont pas autorisées",
    privateAddressDetail: "les adresses privées et de bouclage ne sont pas autorisées ({detail})",
  },
  number: {
    required: "Saisissez un nombre",
    integer: "Utilisez un nombre entier",
  },
  update: { empty: "Rien à modifier" },
  text: {
    controlCharacters: "Supprimez les caractères de contrôle (comme NUL) de ce texte",
    noControlCharacters: "Supprimez les caractères de contrôle",
    printableAscii: "Utilisez des caractères ASCII imprimables, sans espace",
  },
  org: {
    confirmSlug: "Saisissez le nom d’URL de l’organisation",
    slugFormat: "Utilisez des minuscules, des chiffres et des tirets simples",
  },
  unknown: {
    action: "Action inconnue",
    format: "Format inconnu",
  },
  length: {
    min2: "Utilisez au moins 2 caractères",
    max48: "Utilisez au plus 48 caractères",
    max80: "Utilisez au plus 80 caractères",
    max200: "Utilisez au plus 200 caractères",
    max500: "Utilisez au plus 500 caractères",
    max2000: "Utilisez au plus 2000 caractères",
  },
  storage: { pathSegments: "Utilisez des segments de chemin sans « .. », caractères de contrôle ni parties vides" },
  revision: {
    id: "Utilisez un identifiant de version de l'historique",
    chapter: "Utilisez un numéro de chapitre de cette version",
    name: "Envoyez le nom sous forme de texte",
    nameLength: "Le nom fait au plus 120 caractères",
  },
  page: { cursor: "Utilisez le nextCursor de la page précédente" },

  invalidType: {
    missing: "Champ obligatoire (type attendu : {expected})",
    wrong: "Type invalide : attendu {expected}, reçu {received}",
  },
  invalidValue: {
    single: "Valeur invalide : attendu {value}",
    oneOf: "Option invalide : une valeur parmi {values} attendue",
  },
  tooSmall: {
    characters: {
      one: "Trop court : {comparison} {minimum} caractère",
      other: "Trop court : {comparison} {minimum} caractères",
    },
    items: {
      one: "Trop court : {comparison} {minimum} élément",
      other: "Trop court : {comparison} {minimum} éléments",
    },
    entries: {
      one: "Trop court : {comparison} {minimum} entrée",
      other: "Trop court : {comparison} {minimum} entrées",
    },
    bytes: { one: "Trop petit : {comparison} {minimum} octet", other: "Trop petit : {comparison} {minimum} octets" },
    value: "Trop petit : {comparison} {minimum}",
  },
  tooBig: {
    characters: {
      one: "Trop long : {comparison} {maximum} caractère",
      other: "Trop long : {comparison} {maximum} caractères",
    },
    items: { one: "Trop long : {comparison} {maximum} élément", other: "Trop long : {comparison} {maximum} éléments" },
    entries: { one: "Trop long : {comparison} {maximum} entrée", other: "Trop long : {comparison} {maximum} entrées" },
    bytes: { one: "Trop gros : {comparison} {maximum} octet", other: "Trop gros : {comparison} {maximum} octets" },
    value: "Trop grand : {comparison} {maximum}",
  },
  invalidFormat: {
    email: "Adresse e-mail invalide",
    url: "URL invalide",
    datetime: "Date et heure ISO invalides",
    date: "Date ISO invalide",
    time: "Heure ISO invalide",
    duration: "Durée ISO invalide",
    uuid: "UUID invalide",
    regex: "Format invalide",
    startsWith: "Texte invalide : doit commencer par « {prefix} »",
    endsWith: "Texte invalide : doit finir par « {suffix} »",
    includes: "Texte invalide : doit contenir « {includes} »",
    other: "Format invalide ({format})",
  },
  notMultipleOf: "Nombre invalide : doit être un multiple de {divisor}",
  unrecognizedKeys: {
    one: "Clé non reconnue : {keys}",
    other: "Clés non reconnues : {keys}",
  },
  invalidKey: "Clé invalide dans {origin}",
  invalidElement: "Valeur invalide dans {origin}",
  invalidUnion: {
    ambiguous: "Entrée invalide : plusieurs options correspondent",
    discriminator: "Valeur de discriminant invalide : attendu {options}",
  },
  types: {
    string: "un texte",
    number: "un nombre",
    int: "un nombre entier",
    boolean: "un booléen",
    object: "un objet",
    array: "une liste",
    date: "une date",
    null: "null",
    nan: "NaN",
    bigint: "un grand entier",
  },
  comparison: {
    atLeast: "au moins",
    moreThan: "plus de",
    atMost: "au plus",
    lessThan: "moins de",
    exactly: "exactement",
  },
};
