"use client";

import { createContext, type ReactNode, useCallback, useContext, useMemo } from "react";
import type { Locale } from "./locales";
import { createTranslator, lookupMessage, type Messages, type ShellMessages, type Translate } from "./translate";
import { type MessageParams, renderMessage } from "./validation/render-message";

type I18nValue = { locale: Locale; messages: Messages | ShellMessages; t: Translate };

const I18nContext = createContext<I18nValue | null>(null);

/**
 * Makes the request's locale and messages available to client components: the root layout's shell part, and
 * inside it, where pages need it, the whole catalog (the innermost provider wins).
 */
export function I18nProvider({
  locale,
  messages,
  children,
}: {
  locale: Locale;
  messages: Messages | ShellMessages;
  children: ReactNode;
}) {
  const value = useMemo(() => ({ locale, messages, t: createTranslator(messages) }), [locale, messages]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

/** The provider's value; exported for hooks in other modules (use-issue-message.ts). */
export function useI18n(): I18nValue {
  const value = useContext(I18nContext);
  if (!value) throw new Error("useT must be used inside <I18nProvider>");
  return value;
}

/** The `t` function of the current locale. */
export function useT(): Translate {
  return useI18n().t;
}

/** The current locale (for date/number formatting and the switcher). */
export function useLocale(): Locale {
  return useI18n().locale;
}

/**
 * Looks up a run-time key (an error code, an activity action) and falls back when it is unknown. The same
 * function for as long as the catalog is the same: callers put it (or callbacks built on it) in effect
 * dependencies, and a new one each render made the review panel fetch its comments again on every render.
 */
export function useOptionalMessage(): (key: string) => string | undefined {
  const { messages } = useI18n();
  return useCallback((key: string) => lookupMessage(messages, key), [messages]);
}

/**
 * Says a keyed message from the server (an error's `messageKey` and `params`) in the current locale;
 * undefined when the catalog has no such key, so the caller can fall back to the server's text.
 */
export function useKeyedMessage(): (key: string, params?: MessageParams) => string | undefined {
  const { messages } = useI18n();
  return useCallback((key, params) => renderMessage(messages, key, params), [messages]);
}
