// French for the validation messages the server writes. The UI shows a field's message next to the
// input, so a French page must get French text: messages written in our schemas are translated by this
// catalog (a test checks every one of them has an entry), and Zod's own default messages, which follow
// a few fixed English shapes, by the patterns below. Anything else stays in English.

/** Our schemas' messages (English, as written in the code) → French. */
export const FRENCH_VALIDATION_MESSAGES: Record<string, string> = {
  "A book has at most 500 chapters": "Un livre a au plus 500 chapitres",
  "At least 1 chapter": "Au moins 1 chapitre",
  "At least 500 words": "Au moins 500 mots",
  "At most 200,000 words": "Au plus 200 000 mots",
  "At most 50 chapters": "Au plus 50 chapitres",
  "Choose English (en) or French (fr)": "Choisissez l’anglais (en) ou le français (fr)",
  "Choose at least one scope": "Choisissez au moins une portée",
  "Describe the audience": "Décrivez le public",
  "Describe the tone": "Décrivez le ton",
  "Describe the topic in a few words": "Décrivez le sujet en quelques mots",
  "Each chapter id is a string": "Chaque identifiant de chapitre est une chaîne",
  "Enter a full URL (https://…)": "Saisissez une URL complète (https://…)",
  "Enter a number": "Saisissez un nombre",
  "Enter a title": "Saisissez un titre",
  "Enter a valid email address": "Saisissez une adresse e-mail valide",
  "Enter your name": "Saisissez votre nom",
  "Give at least one id": "Donnez au moins un identifiant",
  "Give ids or all: true": "Donnez des identifiants ou all: true",
  "Keep the title on one line": "Gardez le titre sur une seule ligne",
  "Letters, digits, dots, dashes and underscores only": "Lettres, chiffres, points, tirets et tirets bas uniquement",
  "List each chapter once": "Citez chaque chapitre une seule fois",
  "Must be an http(s) URL": "Doit être une URL http(s)",
  "Name the key": "Nommez la clé",
  "Nothing to update": "Rien à modifier",
  "Remove the control characters (such as NUL) from this text":
    "Supprimez les caractères de contrôle (comme NUL) de ce texte",
  "Remove control characters": "Supprimez les caractères de contrôle",
  "Say what the reader should get from it": "Dites ce que le lecteur doit en retirer",
  "Send a new title or content": "Envoyez un nouveau titre ou un nouveau contenu",
  "Send at least one of title, topic, goal, audience, tone, language":
    "Envoyez au moins l’un de ces champs : title, topic, goal, audience, tone, language",
  "Send chapterIds: every chapter id of the book, in the new order":
    "Envoyez chapterIds : tous les identifiants de chapitre du livre, dans le nouvel ordre",
  "Send the chapter text as a string": "Envoyez le texte du chapitre sous forme de chaîne",
  "Send the updatedAt you last read, as an ISO 8601 date": "Envoyez le updatedAt lu en dernier, en date ISO 8601",
  "Type the organization's URL name": "Saisissez le nom d’URL de l’organisation",
  "Unknown action": "Action inconnue",
  "Unknown format": "Format inconnu",
  "Use a whole number": "Utilisez un nombre entier",
  "Use an http:// or https:// URL": "Utilisez une URL http:// ou https://",
  "Use at least 2 characters": "Utilisez au moins 2 caractères",
  "Use at most 200 characters": "Utilisez au plus 200 caractères",
  "Use at most 2000 characters": "Utilisez au plus 2000 caractères",
  "Use at most 48 characters": "Utilisez au plus 48 caractères",
  "Use at most 500 characters": "Utilisez au plus 500 caractères",
  "Use at most 80 characters": "Utilisez au plus 80 caractères",
  "Use lowercase letters, digits and single dashes": "Utilisez des minuscules, des chiffres et des tirets simples",
  "Use path segments without '..', control characters or empty parts":
    "Utilisez des segments de chemin sans « .. », caractères de contrôle ni parties vides",
  "Use printable ASCII characters without spaces": "Utilisez des caractères ASCII imprimables, sans espace",
  "Use the nextCursor of the previous page": "Utilisez le nextCursor de la page précédente",
  "private and loopback addresses are not allowed": "les adresses privées et de bouclage ne sont pas autorisées",
};

const TYPES: Record<string, string> = {
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
};
const type = (name: string) => TYPES[name] ?? name;
const UNITS: Record<string, [string, string]> = {
  characters: ["caractère", "caractères"],
  items: ["élément", "éléments"],
};
const count = (n: string, word: string) => {
  const forms = UNITS[word];
  return forms ? `${n} ${Number(n) <= 1 ? forms[0] : forms[1]}` : `${n} ${word}`;
};

// Zod 4's English default messages, by issue code, and their French.
const ZOD_DEFAULTS: [RegExp, (...groups: string[]) => string][] = [
  [/^Invalid input: expected (\w+), received undefined$/, (t) => `Champ obligatoire (type attendu : ${type(t!)})`],
  [
    /^Invalid input: expected (\w+), received (\w+)$/,
    (t, r) => `Type invalide : attendu ${type(t!)}, reçu ${type(r!)}`,
  ],
  [/^Invalid input: expected (.+)$/, (v) => `Valeur invalide : attendu ${v}`],
  [/^Invalid option: expected one of (.+)$/, (v) => `Option invalide : une valeur parmi ${v} attendue`],
  [/^Too small: expected \w+ to have >=(\d+) (\w+)$/, (n, u) => `Trop court : au moins ${count(n!, u!)}`],
  [/^Too small: expected \w+ to have >(\d+) (\w+)$/, (n, u) => `Trop court : plus de ${count(n!, u!)}`],
  [/^Too big: expected \w+ to have <=(\d+) (\w+)$/, (n, u) => `Trop long : au plus ${count(n!, u!)}`],
  [/^Too big: expected \w+ to have <(\d+) (\w+)$/, (n, u) => `Trop long : moins de ${count(n!, u!)}`],
  [/^Too small: expected \w+ to be >=(.+)$/, (n) => `Trop petit : au moins ${n}`],
  [/^Too small: expected \w+ to be >(.+)$/, (n) => `Trop petit : plus de ${n}`],
  [/^Too big: expected \w+ to be <=(.+)$/, (n) => `Trop grand : au plus ${n}`],
  [/^Too big: expected \w+ to be <(.+)$/, (n) => `Trop grand : moins de ${n}`],
  [/^Invalid email address$/, () => "Adresse e-mail invalide"],
  [/^Invalid URL$/, () => "URL invalide"],
  [/^Invalid ISO datetime$/, () => "Date et heure ISO invalides"],
  [/^Invalid string: must match pattern .+$/, () => "Format invalide"],
  [/^Invalid number: must be a multiple of (.+)$/, (n) => `Nombre invalide : doit être un multiple de ${n}`],
  [/^Unrecognized keys?: (.+)$/, (keys) => `Clé non reconnue : ${keys}`],
  [/^Invalid input$/, () => "Entrée invalide"],
];

/** The French for one validation message, or the message itself when it has none. */
export function frenchValidationMessage(message: string): string {
  const known = FRENCH_VALIDATION_MESSAGES[message];
  if (known) return known;
  for (const [pattern, french] of ZOD_DEFAULTS) {
    const match = pattern.exec(message);
    if (match) return french(...match.slice(1));
  }
  return message;
}
