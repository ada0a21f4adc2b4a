"use client";

import { Eye, EyeOff, GitCompare, RotateCcw, Tag } from "lucide-react";
import dynamic from "next/dynamic";
import { useId } from "react";
import { useLocale, useT } from "@/i18n/i18n-provider";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { formatDateTime, formatNumber } from "./book-format";
import type { Revision } from "@/contracts/books";
import { describeRevision } from "./revision-summary";

// A revision's text (and react-markdown with it) loads when a revision is opened, not with the book page.
const RevisionText = dynamic(() => import("./revision-text").then((module) => module.RevisionText));

/**
 * One entry of the history: its version, what changed, who, when and how long the text was; "View" opens
 * its text below, "Restore" (writers, not on the current version) asks the history to restore it.
 */
export function RevisionItem({
  bookId,
  language,
  revision,
  current,
  expanded,
  onToggle,
  onRestore,
  onName,
  onCompare,
}: {
  bookId: string;
  language: string;
  revision: Revision;
  current: boolean;
  expanded: boolean;
  onToggle: () => void;
  /** Absent when the reader may not restore (role, running generation). */
  onRestore?: () => void;
  /** Absent when the reader may not name versions. */
  onName?: () => void;
  /** Compares this version with the current text. */
  onCompare: () => void;
}) {
  const t = useT();
  const locale = useLocale();
  const textId = useId();
  const { summary, detail, words } = describeRevision(revision.changes, t, locale);
  const version = revision.version;
  const facts = [
    t("books.history.by", { author: revision.author?.name ?? t("books.history.unknownAuthor") }),
    t("books.history.characters", { count: formatNumber(revision.characters, locale) }),
    ...(words ? [words] : []),
  ];

  return (
    <li className="py-3" data-revision-version={version} data-testid="revision">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0 flex-1 wrap-anywhere">
          <p className="flex flex-wrap items-center gap-2 text-sm font-medium text-stone-900">
            {t("books.history.version", { version })}
            {current ? <Badge tone="green">{t("books.history.current")}</Badge> : null}
            {revision.name ? (
              <Badge tone="ink">
                <span data-testid="revision-name">{t("books.history.versionNamed", { name: revision.name })}</span>
              </Badge>
            ) : null}
          </p>
          {revision.note ? <p className="mt-0.5 text-xs whitespace-pre-line text-stone-700">{revision.note}</p> : null}
          {revision.name && revision.namedBy ? (
            <p className="text-xs text-stone-600">{t("books.history.namedBy", { person: revision.namedBy.name })}</p>
          ) : null}
          <p className="mt-0.5 text-sm text-stone-800">{summary}</p>
          {detail ? <p className="text-xs text-stone-600">{detail}</p> : null}
          <p className="mt-0.5 text-xs text-stone-600">
            <time dateTime={revision.createdAt}>{formatDateTime(revision.createdAt, locale)}</time>
            {facts.map((fact) => ` · ${fact}`).join("")}
          </p>
        </div>
        <div className="flex max-w-full flex-wrap gap-2">
          <Button
            size="sm"
            variant="secondary"
            onClick={onToggle}
            aria-expanded={expanded}
            aria-controls={expanded ? textId : undefined}
            aria-label={t(expanded ? "books.history.hideTextLabel" : "books.history.viewLabel", { version })}
          >
            {expanded ? (
              <EyeOff className="size-4" aria-hidden="true" />
            ) : (
              <Eye className="size-4" aria-hidden="true" />
            )}
            {expanded ? t("books.history.hideText") : t("books.history.view")}
          </Button>
          {!current ? (
            <Button
              size="sm"
              variant="secondary"
              onClick={onCompare}
              aria-label={t("books.history.compareLabel", { version })}
              data-testid="compare-revision"
            >
              <GitCompare className="size-4" aria-hidden="true" />
              {t("books.history.compare")}
            </Button>
          ) : null}
          {onName ? (
            <Button
              size="sm"
              variant="secondary"
              onClick={onName}
              aria-label={t("books.history.nameVersionLabel", { version })}
              data-testid="name-revision"
            >
              <Tag className="size-4" aria-hidden="true" />
              {t("books.history.nameVersion")}
            </Button>
          ) : null}
          {onRestore && !current ? (
            <Button
              size="sm"
              variant="secondary"
              onClick={onRestore}
              aria-label={t("books.history.restoreLabel", { version })}
              data-testid="restore-revision"
            >
              <RotateCcw className="size-4" aria-hidden="true" />
              {t("books.history.restore")}
            </Button>
          ) : null}
        </div>
      </div>
      {expanded ? <RevisionText id={textId} bookId={bookId} revision={revision} language={language} /> : null}
    </li>
  );
}
