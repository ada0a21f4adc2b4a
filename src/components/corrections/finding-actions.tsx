"use client";

import { BookPlus, EyeOff, X } from "lucide-react";
import { useId, useState } from "react";
import type { Correction } from "@/contracts/corrections";
import { useT } from "@/i18n/i18n-provider";
import { Button } from "@/components/ui/button";
import { useCorrections } from "./corrections-state";

/**
 * What a writer can do with one open finding: apply a suggestion (one button each), dismiss it (with an
 * optional reason), and for a spelling finding accept the word (organization dictionary or this book).
 * Guests and resolved findings get no buttons. `onDone` runs after a successful action.
 */
export function FindingActions({ finding, onDone }: { finding: Correction; onDone?: () => void }) {
  const t = useT();
  const corrections = useCorrections();
  const [reasonOpen, setReasonOpen] = useState(false);
  const [reason, setReason] = useState("");
  const reasonId = useId();
  if (!corrections?.canWrite || finding.status !== "OPEN") return null;
  const busy = corrections.pending !== null;
  const original = finding.original ?? "";
  const word = original.trim();
  const canApply = corrections.canApply && finding.startOffset !== null && finding.endOffset !== null;

  async function run(action: () => Promise<boolean>) {
    if (await action()) onDone?.();
  }

  return (
    <div className="space-y-2">
      {finding.suggestions.length > 0 && canApply ? (
        <ul className="flex flex-wrap gap-1.5" aria-label={t("corrections.list.suggestions")}>
          {distinctSuggestions(finding.suggestions).map(({ suggestion, index }) => (
            <li key={suggestion}>
              <Button
                size="sm"
                variant={index === 0 ? "primary" : "secondary"}
                disabled={busy}
                loading={corrections.pending === finding.id && index === 0}
                aria-label={t("corrections.actions.applyLabel", { original, suggestion })}
                onClick={() => void run(() => corrections.apply(finding, index))}
                data-testid="apply-suggestion"
              >
                {suggestion === "" ? "∅" : suggestion}
              </Button>
            </li>
          ))}
        </ul>
      ) : null}
      <div className="flex flex-wrap gap-1.5">
        {finding.type === "SPELLING" && word ? (
          <>
            <Button
              size="sm"
              variant="secondary"
              disabled={busy}
              onClick={() => void run(() => corrections.acceptWord(word, "ORGANIZATION"))}
              data-testid="add-to-dictionary"
            >
              <BookPlus className="size-4" aria-hidden="true" />
              {t("corrections.actions.addToDictionary")}
            </Button>
            <Button
              size="sm"
              variant="secondary"
              disabled={busy}
              onClick={() => void run(() => corrections.acceptWord(word, "BOOK"))}
              data-testid="ignore-in-book"
            >
              <EyeOff className="size-4" aria-hidden="true" />
              {t("corrections.actions.ignoreInBook")}
            </Button>
          </>
        ) : null}
        {reasonOpen ? null : (
          <Button
            size="sm"
            variant="ghost"
            disabled={busy}
            onClick={() => setReasonOpen(true)}
            aria-expanded={false}
            data-testid="dismiss-finding"
          >
            <X className="size-4" aria-hidden="true" />
            {t("corrections.actions.dismiss")}
          </Button>
        )}
      </div>
      {reasonOpen ? (
        <form
          className="flex flex-wrap items-end gap-1.5"
          onSubmit={(event) => {
            event.preventDefault();
            void run(() => corrections.dismiss(finding, reason));
          }}
        >
          <div className="min-w-0 flex-1">
            <label htmlFor={reasonId} className="block text-xs font-medium text-stone-700">
              {t("corrections.actions.dismissReason")}
            </label>
            <input
              id={reasonId}
              value={reason}
              maxLength={500}
              onChange={(event) => setReason(event.target.value)}
              className="mt-1 block h-8 w-full rounded-md border border-stone-300 bg-white px-2 text-sm text-stone-900 focus:outline-2 focus:outline-ink-500"
              // biome-ignore lint/a11y/noAutofocus: the field appears because the person asked to dismiss
              autoFocus
            />
          </div>
          <Button
            type="submit"
            size="sm"
            variant="secondary"
            loading={corrections.pending === finding.id}
            disabled={busy}
            data-testid="confirm-dismiss"
          >
            {t("corrections.actions.confirmDismiss")}
          </Button>
        </form>
      ) : null}
    </div>
  );
}

/** The first six distinct suggestions with their index in the finding's list (what apply takes). */
function distinctSuggestions(suggestions: string[]): { suggestion: string; index: number }[] {
  const seen = new Set<string>();
  const out: { suggestion: string; index: number }[] = [];
  suggestions.forEach((suggestion, index) => {
    if (seen.has(suggestion) || out.length >= 6) return;
    seen.add(suggestion);
    out.push({ suggestion, index });
  });
  return out;
}
