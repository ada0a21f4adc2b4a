"use client";

import { useCallback } from "react";
import { useI18n } from "./i18n-provider";
import { describeIssue, type Issue } from "./validation/describe-issue";
import { renderMessage } from "./validation/render-message";

/**
 * Says a Zod issue in the current locale, for forms that check their input in the browser with the same
 * schemas (src/contracts) the server validates with: the same keys, so the same words as the server's.
 * Its own module (not the provider's): describing an issue needs Zod, which the root layout's provider, on
 * every page, must not pull into the first load.
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
