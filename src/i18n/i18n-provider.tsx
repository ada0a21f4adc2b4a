"use client";

import { createContext, type ReactNode, useCallback, useContext, useMemo } from "react";
import type { Locale } from "./locales";
import { createTranslator, lookupMessage, type Messages, type Translate } from "./translate";
import { describeIssue, type Issue } from "./validation/describe-issue";
import { type MessageParams, renderMessage } from "./validation/render-message";

type I18nValue = { locale: Locale; messages: Messages; t: Translate };

const I18nContext = createContext<I18nValue | null>(null);

/** Makes the request's locale and messages available to client components. */
export function I18nProvider({
  locale,
  messages,
  children,
}: {
  locale: Locale;
  messages: Messages;
  children: ReactNode;
}) {
  const value = useMemo(() => ({ locale, messages, t: createTranslator(messages) }), [locale, messages]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

function useI18n(): I18nValue {
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

/** Looks up a run-time key (an error code, an activity action) and falls back when it is unknown. */
export function useOptionalMessage(): (key: string) => string | undefined {
  const { messages } = useI18n();
  return (key) => lookupMessage(messages, key);
}

/**
 * Says a keyed message from the server (an error's `messageKey` and `params`) in the current locale;
 * undefined when the catalog has no such key, so the caller can fall back to the server's text.
 */
export function useKeyedMessage(): (key: string, params?: MessageParams) => string | undefined {
  const { messages } = useI18n();
  return useCallback((key, params) => renderMessage(messages, key, params), [messages]);
}

/**
 * Says a Zod issue in the current locale, for forms that check their input in the browser with the same
 * schemas (src/contracts) the server validates with: the same keys, so the same words as the server's.
 */
export function useIssueMessage(): (issue: Issue) => string {
  const { messages } = useI18n();
  return useCallback(
    (issue) => {
      const { key, params } = describeIssue(issue);
      return renderMessage(messages, key, params) ?? issue.message;
    },
    [messages],
  );
}
