import type { Translate } from "@/i18n/translate";
import { formatList, formatNumber } from "./book-format";
import type { RevisionChanges } from "@/contracts/books";

const namedFields = ["title", "topic", "goal", "audience", "tone", "language", "content", "order"] as const;
type NamedField = (typeof namedFields)[number];
const isNamed = (field: string): field is NamedField => (namedFields as readonly string[]).includes(field);

/** The changed fields in the reader's words ("title and text"); unknown names are kept as they are. */
function fieldList(fields: string[], t: Translate, locale: string): string {
  return formatList(
    fields.map((field) => (isNamed(field) ? t(`books.history.fields.${field}`) : field)),
    locale,
  );
}

/** What a revision's entry in the history says: one summary line, an optional detail line, the words added. */
export type RevisionDescription = { summary: string; detail: string | null; words: string | null };

/**
 * Describes a revision from its recorded changes (BookRevision.changes), in the reader's language:
 * "Chapter 2 edited: “Roots”" + "Changed: title and text" + "+12 words". Unknown or missing kinds
 * (older rows) still get a neutral summary.
 */
export function describeRevision(changes: RevisionChanges | null, t: Translate, locale: string): RevisionDescription {
  const chapters = changes?.chapters ?? [];
  const delta = changes?.wordsDelta ?? 0;
  // Revisions recorded since the word-level diff carry words inserted and deleted; older ones only a delta.
  const counted = typeof changes?.wordsAdded === "number" && typeof changes.wordsRemoved === "number";
  const words = counted
    ? changes.wordsAdded || changes.wordsRemoved
      ? t("books.compare.changedWords", {
          added: formatNumber(changes.wordsAdded ?? 0, locale),
          removed: formatNumber(changes.wordsRemoved ?? 0, locale),
        })
      : null
    : delta > 0
      ? t("books.history.wordsAdded", { count: formatNumber(delta, locale) })
      : delta < 0
        ? t("books.history.wordsRemoved", { count: formatNumber(-delta, locale) })
        : null;
  // Which chapters a change touched ("Chapters touched: 2, 5"), when it names them.
  const touched = () =>
    chapters.length
      ? t("books.history.chaptersTouched", {
          list: formatList(
            chapters.map((c) => String(c.order)),
            locale,
          ),
        })
      : null;
  switch (changes?.kind) {
    case "generated":
      return { summary: t("books.history.kinds.generated"), detail: null, words: null };
    case "book.updated":
      return {
        summary: t("books.history.kinds.bookUpdated", { fields: fieldList(changes.fields ?? [], t, locale) }),
        detail: null,
        words,
      };
    case "chapter.updated": {
      const [only] = chapters;
      if (only && chapters.length === 1) {
        return {
          summary: t("books.history.kinds.chapterUpdated", { number: only.order, title: only.title }),
          detail: only.fields.length
            ? t("books.history.changedFields", { fields: fieldList(only.fields, t, locale) })
            : null,
          words,
        };
      }
      return {
        summary: t("books.history.kinds.chaptersUpdated", { count: chapters.length }),
        detail: touched(),
        words,
      };
    }
    case "chapters.reordered":
      return { summary: t("books.history.kinds.reordered"), detail: null, words };
    case "revision.restored":
      return {
        summary: t("books.history.kinds.restored", { version: changes.restoredFrom ?? "?" }),
        detail: touched(),
        words,
      };
    case "chapter.restored":
      return {
        summary: t("books.history.kinds.chapterRestored", {
          number: changes.restoredChapter ?? chapters[0]?.order ?? "?",
          version: changes.restoredFrom ?? "?",
        }),
        detail: touched(),
        words,
      };
    case "corrections.applied":
      return {
        summary: t("books.history.kinds.correctionsApplied", { count: changes.corrections?.length ?? 0 }),
        detail: touched(),
        words,
      };
    default:
      return { summary: t("books.history.kinds.unknown"), detail: null, words };
  }
}
