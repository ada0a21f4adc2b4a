"use client";

import { clsx } from "clsx";
import { ChevronDown, ChevronUp } from "lucide-react";
import {
  type KeyboardEvent,
  type MouseEvent,
  type TextareaHTMLAttributes,
  useCallback,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
} from "react";
import { useLocale, useT } from "@/i18n/i18n-provider";
import { formatNumber } from "@/components/books/book-format";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { CorrectionsProvider } from "./corrections-context";
import { useCorrections } from "./corrections-state";
import { findingStep } from "./finding-navigation";
import { severityMarkClass, worstFirst } from "./finding-style";
import { anchoredRanges, type FindingRange, splitByFindings } from "./split-by-findings";

type Navigate = (direction: 1 | -1, from: Element | null) => void;

type FindingsTextareaProps = Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, "value"> & {
  value: string;
  bookId: string;
  chapterId: string;
  /** The chapter's text as last saved: suggestions apply to it, so only while the editor has no changes. */
  savedContent: string;
  /** Reloads the chapter after a suggestion rewrote it on the server. */
  onTextChanged: () => Promise<void> | void;
};

/**
 * The chapter editor's textarea with the chapter's open findings underlined in place, by the mirrored
 * backdrop technique: a div behind the transparent textarea, with the same font, padding and wrapping,
 * holds the text in transparent ink and the flagged runs as underlined <mark>s, and scrolls with it.
 * Clicking in a flagged word opens its popover (typing goes on: focus stays in the text); Alt+↓ / Alt+↑
 * select the next / previous finding and open it; Escape closes it.
 */
export function FindingsTextarea({ bookId, chapterId, savedContent, onTextChanged, ...props }: FindingsTextareaProps) {
  const navigation = useRef<Navigate | null>(null);
  const navigate = useCallback<Navigate>((direction, from) => navigation.current?.(direction, from), []);
  return (
    <CorrectionsProvider
      bookId={bookId}
      chapterId={chapterId}
      canWrite
      canApply={props.value === savedContent}
      navigate={navigate}
      onTextChanged={onTextChanged}
    >
      <Backdropped {...props} savedContent={savedContent} navigation={navigation} />
    </CorrectionsProvider>
  );
}

function Backdropped({
  savedContent,
  navigation,
  className,
  onKeyDown,
  onClick,
  onScroll,
  ...props
}: Omit<FindingsTextareaProps, "bookId" | "chapterId" | "onTextChanged"> & {
  navigation: { current: Navigate | null };
}) {
  const t = useT();
  const locale = useLocale();
  const corrections = useCorrections();
  const area = useRef<HTMLTextAreaElement>(null);
  const backdrop = useRef<HTMLDivElement>(null);
  const value = props.value;
  const findings = corrections?.findings;
  const refresh = corrections?.refresh;

  // A save (new saved text) may have moved or resolved findings: load them again.
  const firstSave = useRef(savedContent);
  useEffect(() => {
    if (firstSave.current === savedContent) return;
    firstSave.current = savedContent;
    void refresh?.();
  }, [savedContent, refresh]);

  // Only findings whose text is still at their offsets in what is on screen (an edit shifts the rest).
  const ranges = useMemo(
    () => anchoredRanges(value, findings ?? []).sort((a, b) => a.start - b.start || a.end - b.end),
    [value, findings],
  );
  const segments = useMemo(() => splitByFindings(value, 0, ranges), [value, ranges]);

  const syncScroll = useCallback(() => {
    if (area.current && backdrop.current) {
      backdrop.current.scrollTop = area.current.scrollTop;
      backdrop.current.scrollLeft = area.current.scrollLeft;
    }
  }, []);

  // The backdrop takes the textarea's inner size (without its scrollbar), so lines wrap at the same place.
  useLayoutEffect(() => {
    const textarea = area.current;
    const mirror = backdrop.current;
    if (!textarea || !mirror) return;
    const fitToTextarea = () => {
      mirror.style.width = `${textarea.clientWidth + 2 * borderWidth(textarea)}px`;
      mirror.style.height = `${textarea.offsetHeight}px`;
      syncScroll();
    };
    fitToTextarea();
    const observer = new ResizeObserver(fitToTextarea);
    observer.observe(textarea);
    return () => observer.disconnect();
  }, [syncScroll]);

  const markFor = useCallback(
    (range: FindingRange) => backdrop.current?.querySelector<HTMLElement>(`mark[data-start="${range.start}"]`) ?? null,
    [],
  );

  const openAt = useCallback(
    (range: FindingRange, takeFocus: boolean) => {
      const textarea = area.current;
      const mark = markFor(range);
      if (!textarea || !mark || !corrections) return;
      const ids = (mark.dataset.findingIds ?? "").split(" ").filter(Boolean);
      corrections.openFinding({ ids, anchor: mark, returnFocus: textarea, takeFocus });
    },
    [corrections, markFor],
  );

  // Next / previous finding from the caret (or from the finding whose popover is open).
  navigation.current = (direction) => {
    const textarea = area.current;
    if (!textarea || ranges.length === 0) return;
    const openStart = corrections?.open ? Number(corrections.open.anchor.dataset.start) : Number.NaN;
    const from = Number.isNaN(openStart) ? textarea.selectionStart : openStart;
    const target =
      direction === 1
        ? (ranges.find((r) => r.start > from) ?? ranges[0])
        : (ranges.findLast((r) => r.start < from) ?? ranges.at(-1));
    if (!target) return;
    textarea.focus({ preventScroll: true });
    textarea.setSelectionRange(target.start, target.end);
    const mark = markFor(target);
    if (mark) textarea.scrollTop = Math.max(0, mark.offsetTop - textarea.clientHeight / 2);
    syncScroll();
    textarea.scrollIntoView({ block: "nearest" });
    openAt(target, true);
  };

  function keyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    onKeyDown?.(event);
    if (event.defaultPrevented) return;
    if (event.key === "Escape" && corrections?.open) {
      event.preventDefault();
      corrections.closeFinding(false);
      return;
    }
    const step = findingStep(event, true);
    if (step === null) return;
    event.preventDefault();
    navigation.current?.(step, null);
  }

  function click(event: MouseEvent<HTMLTextAreaElement>) {
    onClick?.(event);
    const textarea = event.currentTarget;
    if (textarea.selectionStart !== textarea.selectionEnd) return;
    const caret = textarea.selectionStart;
    const hit = ranges.find((r) => r.start <= caret && caret <= r.end);
    if (hit) openAt(hit, false);
  }

  const open = ranges.length;
  return (
    <div className="space-y-2">
      <div className="relative rounded-b-lg rounded-tr-lg bg-white">
        <div
          ref={backdrop}
          aria-hidden="true"
          className={clsx(
            "pointer-events-none absolute top-0 left-0 overflow-hidden border border-transparent px-4 py-3 font-mono text-sm leading-relaxed whitespace-pre-wrap wrap-break-word text-transparent",
          )}
          data-testid="editor-findings-backdrop"
        >
          {segments.map((segment) => {
            if (segment.findingIds.length === 0) return segment.text;
            const worst = worstFirst(segment.findingIds.flatMap((id) => corrections?.byId.get(id) ?? []))[0];
            return (
              <mark
                key={segment.start}
                data-start={segment.start}
                data-finding-ids={segment.findingIds.join(" ")}
                className={clsx(
                  "bg-transparent text-transparent underline decoration-2 underline-offset-4 [text-decoration-skip-ink:none]",
                  worst ? severityMarkClass[worst.severity] : "decoration-red-600 decoration-wavy",
                )}
              >
                {segment.text}
              </mark>
            );
          })}
          {/* A last empty line keeps the heights equal when the text ends with a newline. */}
          {"\n "}
        </div>
        <textarea
          ref={area}
          {...props}
          onKeyDown={keyDown}
          onClick={click}
          onScroll={(event) => {
            onScroll?.(event);
            syncScroll();
          }}
          className={clsx(className, "relative bg-transparent")}
        />
      </div>
      <div className="flex flex-wrap items-center gap-2 text-xs text-stone-600" data-testid="editor-findings-bar">
        <span aria-live="polite">
          {open > 0
            ? t("corrections.editor.findings", { count: formatNumber(open, locale) })
            : t("corrections.editor.none")}
        </span>
        {open > 0 ? (
          <>
            <Button size="sm" variant="ghost" onClick={() => navigation.current?.(-1, null)}>
              <ChevronUp className="size-4" aria-hidden="true" />
              {t("corrections.keyboard.previous")}
            </Button>
            <Button size="sm" variant="ghost" onClick={() => navigation.current?.(1, null)}>
              <ChevronDown className="size-4" aria-hidden="true" />
              {t("corrections.keyboard.next")}
            </Button>
            <span>{t("corrections.keyboard.editorHint")}</span>
          </>
        ) : null}
        {open > 0 && corrections && !corrections.canApply ? <span>{t("corrections.editor.saveFirst")}</span> : null}
      </div>
      {corrections?.notice ? <Alert tone={corrections.notice.tone}>{corrections.notice.text}</Alert> : null}
    </div>
  );
}

function borderWidth(element: HTMLElement): number {
  return Number.parseFloat(getComputedStyle(element).borderLeftWidth) || 0;
}
