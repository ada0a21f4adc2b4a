import { getMessages } from "@/i18n/get-messages";
import type { Locale } from "@/i18n/locales";
import { en } from "@/i18n/messages/en";
import { lookupMessage } from "@/i18n/translate";
import { describeIssue, type Issue } from "./describe-issue";
import { type MessageParams, renderMessage } from "./render-message";

/** True for a dotted key that names a message of the catalog ("validation.title.required"). */
export function isMessageKey(text: string): boolean {
  return /^[a-z][A-Za-z0-9]*(\.[A-Za-z0-9_]+)+$/.test(text) && lookupMessage(en, text) !== undefined;
}

/** The sentence for a key in a locale; an unknown key shows itself so it is noticed. */
export function messageFor(key: string, params: MessageParams, locale: Locale): string {
  return renderMessage(getMessages(locale), key, params) ?? key;
}

/** A Zod issue's message in a locale. */
export function issueMessage(issue: Issue, locale: Locale): string {
  const { key, params } = describeIssue(issue);
  return messageFor(key, params, locale);
}
