import { formatMessage, lookupMessage, type Messages } from "@/i18n/translate";

// Catalog-free, so the browser renders with the message tree it already holds (I18nProvider).

/** A message by key with its parameters: what the server sends and the UI translates. */
export type MessageRef = { key: string; params: MessageParams };
export type MessageParams = Record<string, string | number>;

/** Parameters that are words, translated through a table of the catalog before they are put in a sentence. */
const WORD_TABLES: Record<string, string> = {
  expected: "validation.types",
  received: "validation.types",
  comparison: "validation.comparison",
};

/** The sentence for a key in one message tree, or undefined when the tree has no such key. */
export function renderMessage(
  messages: Messages | object,
  key: string,
  params: MessageParams = {},
): string | undefined {
  const template = lookupMessage(messages, key);
  if (template === undefined) return undefined;
  const values: MessageParams = {};
  for (const [name, value] of Object.entries(params)) {
    const table = WORD_TABLES[name];
    values[name] = (table && lookupMessage(messages, `${table}.${value}`)) ?? value;
  }
  return formatMessage(template, values);
}
