// TRANSITIONAL. The English sentences our schemas and use cases still write as messages, each with the key
// that replaces it. Once /work/briefs/messages-codemod.mjs has rewritten those literals into keys, every
// message in the source is a key and this table goes (with its one use in describe-issue.ts).
import { validationEn } from "@/i18n/messages/validation.en";

type Tree = { [name: string]: string | Tree };

/** Our own sentences (not Zod's shape-keyed defaults, not the words tables): English text → key. */
function ownSentences(tree: Tree, prefix: string, into: Map<string, string>): Map<string, string> {
  for (const [name, value] of Object.entries(tree)) {
    const key = `${prefix}.${name}`;
    if (SHAPE_KEYS.has(key)) continue;
    if (typeof value === "string") into.set(value, key);
    else ownSentences(value, key, into);
  }
  return into;
}

/** Keys of validation.en.ts that are not a schema's own sentence. */
const SHAPE_KEYS = new Set([
  "validation.untranslated",
  "validation.invalid",
  "validation.invalidType",
  "validation.invalidValue",
  "validation.tooSmall",
  "validation.tooBig",
  "validation.invalidFormat",
  "validation.notMultipleOf",
  "validation.unrecognizedKeys",
  "validation.invalidKey",
  "validation.invalidElement",
  "validation.invalidUnion",
  "validation.types",
  "validation.comparison",
]);

export const LEGACY_ENGLISH_MESSAGES: ReadonlyMap<string, string> = ownSentences(validationEn, "validation", new Map());
