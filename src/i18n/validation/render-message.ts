import { getMessages } from "@/i18n/get-messages";
import type { Locale } from "@/i18n/locales";
import { en } from "@/i18n/messages/en";
import { formatMessage, lookupMessage, type Messages } from "@/i18n/translate";

/** A message by key with its parameters: what the server sends and the UI translates. */
export type MessageRef = { key: string; params: MessageParams };
export type MessageParams = Record<string, string | number>;

/** Parameters that are words, translated through a table of the catalog before they are put in a sentence. */
const WORD_TABLES: Record<string, string> = {
  expected: "validation.types",
  received: "validation.types",
  comparison: "validation.comparison",
};

/** True for a dotted key that names a message of the catalog ("validation.title.required"). */
export function isMessageKey(text: string): boolean {
  return /^[a-z][A-Za-z0-9]*(\.[A-Za-z0-9_]+)+$/.test(text) && lookupMessage(en, text) !== undefined;
}

/** The sentence for a key in one message tree, or undefined when the tree has no such key. */
export function renderMessage(messages: Messages, key: string, params: MessageParams = {}): string | undefined {
  const template = lookupMessage(messages, key);
  if (template === undefined) return undefined;
  const values: MessageParams = {};
  for (const [name, value] of Object.entries(params)) {
    const table = WORD_TABLES[name];
    values[name] = (table && lookupMessage(messages, `${table}.${value}`)) ?? value;
  }
  return formatMessage(template, values);
}

/** The sentence for a key in a locale; an unknown key shows itself so it is noticed. */
export function messageFor(key: string, params: MessageParams, locale: Locale): string {
  return renderMessage(getMessages(locale), key, params) ?? key;
}
