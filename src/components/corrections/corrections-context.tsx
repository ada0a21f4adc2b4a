"use client";

import { type ReactNode, startTransition, useCallback, useEffect, useId, useMemo, useRef, useState } from "react";
import {
  type CorrectionSeverity,
  type CorrectionType,
  correctionSeverities,
  correctionTypes,
} from "@/contracts/correction-kinds";
import type { AcceptWordInput, BulkCorrectionsInput, Correction } from "@/contracts/corrections";
import { useT } from "@/i18n/i18n-provider";
import { apiFetch } from "@/lib/api-fetch";
import { useBookErrorText } from "@/components/books/use-book-error-text";
import {
  CORRECTIONS_SCOPE_ATTRIBUTE,
  FINDING_POPOVER_ATTRIBUTE,
  findingStep,
  isTypingTarget,
  stepFinding,
} from "./finding-navigation";
import { CorrectionsContext, type CorrectionsValue, type Notice, type OpenFinding } from "./corrections-state";
import { FindingPopover } from "./finding-popover";
import { sameList } from "@/lib/same-list";

export type { Notice, OpenFinding } from "./corrections-state";

// Enough for any real chapter: the marks need every open finding of the chapters shown, the panel pages its
// own list.
const PAGE_LIMIT = 200;
const MAX_PAGES = 20;

/**
 * Loads the open findings of the chapters on screen and runs the actions on them (apply, dismiss, accept a
 * word, bulk), so the marks in the text, the popover and the Corrections panel share one state.
 * `onTextChanged` runs after an action rewrote chapter text (a new revision), so the page reloads the
 * chapters and the formats' state.
 *
 * A chapter's findings are read when it is shown (`watchChapter`: the reader's opening chapter, a chapter
 * loaded as it nears the window), not the whole book's at once: a 100,000-word book has over a thousand, and
 * reading them all while the page was being painted held a phone's first paint for a second. In the editor
 * (`chapterId`) that one chapter is watched from the start.
 */
export function CorrectionsProvider({
  bookId,
  chapterId,
  canWrite,
  canApply = true,
  navigate,
  onTextChanged,
  children,
}: {
  bookId: string;
  chapterId?: string;
  canWrite: boolean;
  canApply?: boolean;
  /** How to move between findings; by default the in-text marks of the page, with `]` / `[` shortcuts. */
  navigate?: (direction: 1 | -1, from: Element | null) => void;
  onTextChanged: () => Promise<void> | void;
  children: ReactNode;
}) {
  const t = useT();
  const errorText = useBookErrorText();
  // The open findings of each watched chapter that was read at least once.
  const [byChapter, setByChapter] = useState<ReadonlyMap<string, Correction[]>>(() => new Map());
  const [version, setVersion] = useState(0);
  const [pending, setPending] = useState<string | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [open, setOpen] = useState<OpenFinding | null>(null);
  const watched = useRef(new Set<string>());
  // The latest read of each chapter: an older answer arriving after a newer one is dropped.
  const latest = useRef(new Map<string, number>());
  const textChanged = useRef(onTextChanged);
  textChanged.current = onTextChanged;

  const loadChapter = useCallback(
    async (chapter: string) => {
      const request = (latest.current.get(chapter) ?? 0) + 1;
      latest.current.set(chapter, request);
      const base = `/api/books/${bookId}/corrections?status=OPEN&limit=${PAGE_LIMIT}&chapterId=${encodeURIComponent(chapter)}`;
      const all: Correction[] = [];
      let cursor: string | null = null;
      for (let page = 0; page < MAX_PAGES; page++) {
        const path: string = cursor ? `${base}&cursor=${encodeURIComponent(cursor)}` : base;
        const result = await apiFetch(path, { schema: "correctionPageSchema" });
        // A failed read keeps the marks already shown; the panel shows its own error and retry.
        if (!result.ok || request !== latest.current.get(chapter)) return;
        all.push(...result.data.items);
        cursor = result.data.nextCursor;
        if (!cursor) break;
      }
      // A transition: underlining a chapter's findings re-renders its text and the panel, work React may
      // split and interrupt, so the page stays responsive while the marks arrive.
      startTransition(() => {
        setByChapter((previous) => {
          const current = previous.get(chapter);
          if (current && sameList(current, all)) return previous;
          const next = new Map(previous);
          next.set(chapter, all);
          return next;
        });
      });
    },
    [bookId],
  );

  const watchChapter = useCallback(
    (chapter: string) => {
      if (watched.current.has(chapter)) return;
      watched.current.add(chapter);
      void loadChapter(chapter);
    },
    [loadChapter],
  );

  useEffect(() => {
    if (chapterId) watchChapter(chapterId);
  }, [chapterId, watchChapter]);

  const refresh = useCallback(async () => {
    setVersion((v) => v + 1);
    await Promise.all([...watched.current].map((chapter) => loadChapter(chapter)));
  }, [loadChapter]);

  const findings = useMemo(() => [...byChapter.values()].flat(), [byChapter]);
  const isChapterLoaded = useCallback((chapter: string) => byChapter.has(chapter), [byChapter]);

  const failed = useCallback(
    async (error: { code: string }) => {
      if (error.code === "CORRECTION_STALE") {
        setNotice({ tone: "error", text: t("corrections.notices.stale"), stale: true });
        await refresh();
        await textChanged.current();
        return;
      }
      setNotice({ tone: "error", text: errorText(error.code) });
    },
    [errorText, refresh, t],
  );

  const apply = useCallback(
    async (finding: Correction, suggestionIndex: number) => {
      setPending(finding.id);
      const result = await apiFetch(`/api/corrections/${finding.id}/apply`, {
        body: { suggestionIndex },
        schema: "applyCorrectionResultSchema",
      });
      setPending(null);
      if (!result.ok) {
        await failed(result.error);
        return false;
      }
      setNotice({ tone: "success", text: t("corrections.notices.applied") });
      await Promise.all([refresh(), textChanged.current()]);
      return true;
    },
    [failed, refresh, t],
  );

  const dismiss = useCallback(
    async (finding: Correction, reason?: string) => {
      setPending(finding.id);
      const result = await apiFetch(`/api/corrections/${finding.id}/dismiss`, {
        body: reason?.trim() ? { reason: reason.trim() } : {},
        schema: "correctionEnvelopeSchema",
      });
      setPending(null);
      if (!result.ok) {
        await failed(result.error);
        return false;
      }
      setNotice({ tone: "success", text: t("corrections.notices.dismissed") });
      await refresh();
      return true;
    },
    [failed, refresh, t],
  );

  const acceptWord = useCallback(
    async (word: string, scope: AcceptWordInput["scope"]) => {
      setPending(`word:${word}`);
      const result = await apiFetch(`/api/books/${bookId}/corrections/words`, {
        body: { word, scope },
        schema: "acceptWordResultSchema",
      });
      setPending(null);
      if (!result.ok) {
        await failed(result.error);
        return false;
      }
      const values = { word, count: result.data.resolved };
      setNotice({
        tone: "success",
        text:
          scope === "ORGANIZATION"
            ? t("corrections.notices.wordAdded", values)
            : t("corrections.notices.wordIgnored", values),
      });
      await refresh();
      return true;
    },
    [bookId, failed, refresh, t],
  );

  const bulk = useCallback(
    async (input: BulkCorrectionsInput) => {
      setPending(`bulk:${input.action}:${input.chapterId ?? ""}:${input.ruleId ?? ""}`);
      const result = await apiFetch(`/api/books/${bookId}/corrections/bulk`, {
        body: input,
        schema: "bulkCorrectionsResultSchema",
      });
      setPending(null);
      if (!result.ok) {
        await failed(result.error);
        return false;
      }
      const { applied, dismissed, skippedStale } = result.data;
      setNotice({
        tone: skippedStale > 0 ? "info" : "success",
        text: t("corrections.notices.bulk", { applied, dismissed, skipped: skippedStale }),
      });
      await Promise.all([refresh(), applied > 0 ? textChanged.current() : undefined]);
      return true;
    },
    [bookId, failed, refresh, t],
  );

  const closeFinding = useCallback((returnFocus: boolean) => {
    setOpen((current) => {
      if (current && returnFocus) {
        const target = current.returnFocus.isConnected ? current.returnFocus : null;
        // After the next paint: the popover is gone and the mark is focusable again.
        requestAnimationFrame(() => target?.focus());
      }
      return null;
    });
  }, []);

  const stepMarks = useCallback((direction: 1 | -1, from: Element | null) => {
    const mark = stepFinding(direction, from ?? document.activeElement);
    if (!mark) return;
    const ids = (mark.dataset.findingIds ?? "").split(" ").filter(Boolean);
    mark.scrollIntoView({ block: "center", behavior: "smooth" });
    setOpen({ ids, anchor: mark, returnFocus: mark, takeFocus: true });
  }, []);
  const step = navigate ?? stepMarks;

  // Alt+↓ / Alt+↑ (and ] / [ when not typing) in the book text, the panel or the popover: next / previous.
  useEffect(() => {
    if (navigate) return;
    const onKeyDown = (event: KeyboardEvent) => {
      const target = event.target instanceof Element ? event.target : null;
      if (!target?.closest(`[${CORRECTIONS_SCOPE_ATTRIBUTE}], [${FINDING_POPOVER_ATTRIBUTE}]`)) return;
      if (target.closest(`[${FINDING_POPOVER_ATTRIBUTE}]`)) return; // the popover handles its own keys
      if (target.tagName === "SELECT") return; // Alt+↓ opens a select's list
      const direction = findingStep(event, isTypingTarget(target));
      if (direction === null) return;
      event.preventDefault();
      stepMarks(direction, target);
    };
    document.addEventListener("keydown", onKeyDown);
    return () => document.removeEventListener("keydown", onKeyDown);
  }, [navigate, stepMarks]);

  const descriptionPrefix = useId();
  const descriptionId = useCallback(
    (type: CorrectionType, severity: CorrectionSeverity) => `${descriptionPrefix}-${type}-${severity}`,
    [descriptionPrefix],
  );
  const value = useMemo<CorrectionsValue>(
    () => ({
      descriptionId,
      bookId,
      canWrite,
      findings,
      isChapterLoaded,
      watchChapter,
      byId: new Map(findings.map((f) => [f.id, f])),
      version,
      refresh,
      pending,
      notice,
      setNotice,
      apply,
      dismiss,
      acceptWord,
      bulk,
      open,
      openFinding: setOpen,
      closeFinding,
      canApply,
      step,
    }),
    [
      descriptionId,
      bookId,
      canWrite,
      findings,
      isChapterLoaded,
      watchChapter,
      version,
      refresh,
      pending,
      notice,
      apply,
      dismiss,
      acceptWord,
      bulk,
      open,
      closeFinding,
      canApply,
      step,
    ],
  );

  return (
    <CorrectionsContext.Provider value={value}>
      {children}
      <FindingDescriptions descriptionId={descriptionId} />
      {open ? <FindingPopover key={open.ids.join(" ")} /> : null}
    </CorrectionsContext.Provider>
  );
}

/**
 * What a mark is, for screen readers, referenced by `aria-describedby` rather than written into the text:
 * text inside the paragraph would change what the reader copies, searches and hears as the sentence.
 */
function FindingDescriptions({
  descriptionId,
}: {
  descriptionId: (type: CorrectionType, severity: CorrectionSeverity) => string;
}) {
  const t = useT();
  return (
    <div hidden>
      {correctionTypes.flatMap((type) =>
        correctionSeverities.map((severity) => (
          <span key={`${type}-${severity}`} id={descriptionId(type, severity)}>
            {t("corrections.markLabel", {
              type: t(`corrections.types.${type}`),
              severity: t(`corrections.severities.${severity}`),
            })}
          </span>
        )),
      )}
    </div>
  );
}
