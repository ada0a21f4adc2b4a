import type { en } from "./messages/en";

/** A message tree's shape with any string values (what a translation must fill). */
export type DeepStrings<T> = { [K in keyof T]: T[K] extends string ? string : DeepStrings<T[K]> };

/** The shape every locale must fill: the English tree with any string values. */
export type Messages = DeepStrings<typeof en>;

type Leaves<T, P extends string = ""> = {
  [K in keyof T & string]: T[K] extends string ? `${P}${K}` : Leaves<T[K], `${P}${K}.`>;
}[keyof T & string];

/**
 * The part of a catalog that every page's client components may use without the whole catalog: the language
 * picker and the error pages. The root layout hands only this to the browser; the layouts of the pages that
 * need more wrap their part in the whole catalog (src/i18n/full-catalog.tsx).
 */
export type ShellMessages = Pick<Messages, "common" | "locale" | "errorPage" | "notFound">;

/** Every dotted key of the message tree, e.g. "auth.signIn.title". */
export type MessageKey = Leaves<Messages>;

export type MessageValues = Record<string, string | number>;

/** Translates a key, replacing `{name}` placeholders; a missing key shows itself so it is noticed. */
export type Translate = (key: MessageKey, values?: MessageValues) => string;

/**
 * Looks up a key that is only known at run time (error codes, activity actions). Segments may themselves
 * contain dots ("activity.actions.member.joined" → actions["member.joined"]), so longer names are tried first.
 */
export function lookupMessage(messages: Messages | object, key: string): string | undefined {
  const found = walk(messages, key.split("."));
  return typeof found === "string" ? found : undefined;
}

function walk(node: unknown, parts: string[]): unknown {
  if (parts.length === 0) return node;
  if (!node || typeof node !== "object") return undefined;
  for (let take = parts.length; take >= 1; take--) {
    const name = parts.slice(0, take).join(".");
    if (name in node) {
      const found = walk((node as Record<string, unknown>)[name], parts.slice(take));
      if (found !== undefined) return found;
    }
  }
  return undefined;
}

/** Replaces `{name}` placeholders with the given values. */
export function formatMessage(template: string, values?: MessageValues): string {
  if (!values) return template;
  return template.replace(/\{(\w+)\}/g, (match, name: string) => (name in values ? String(values[name]) : match));
}

/** Builds the `t` function for one message tree. */
export function createTranslator(messages: Messages | ShellMessages): Translate {
  return (key, values) => formatMessage(lookupMessage(messages, key) ?? key, values);
}
