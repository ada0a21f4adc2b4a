import "server-only";
import { type RestoreRevisionInput, restoreRevisionInput } from "@/contracts/book-inputs";
import type { RestoreResult } from "@/contracts/books";
import { countWords } from "@/engines/word-count";
import { editBetween } from "@/lib/text-edits";
import { recordActivity } from "@/server/activity/record-activity";
import { assertCan } from "@/server/auth/permissions";
import { reanchorComments } from "@/server/comments/reanchor-comments";
import type { Ctx } from "@/server/context";
import { checkAfterEdit } from "@/server/corrections/check-after-edit";
import { AppError, notFound } from "@/server/errors";
import { assembleBookMarkdown, demoteChapterHeadings } from "./assemble-book-markdown";
import { revisionView } from "./list-revisions";
import { lockEditableBook } from "./lock-editable-book";
import {
  editTransactionOptions,
  type RevisionChanges,
  recordRevision,
  totalWords,
  withEditRetry,
} from "./record-revision";
import { applyChapterOrder } from "./reorder-chapters";
import { assertNotStale, bookEditView } from "./update-book";

interface SplitBook {
  title: string;
  chapters: { title: string; content: string }[];
}

/** Splits assembled book Markdown at its `## ` chapter headings (outside code fences when `fenceAware`). */
function splitAt(markdown: string, fenceAware: boolean): SplitBook | null {
  const lines = markdown.replace(/\n$/, "").split("\n");
  const first = lines[0];
  if (!first?.startsWith("# ")) return null;
  const chapters: { title: string; lines: string[] }[] = [];
  let fence: string | undefined;
  for (const line of lines.slice(1)) {
    const marker = fenceAware ? /^\s{0,3}(`{3,}|~{3,})/.exec(line)?.[1] : undefined;
    if (marker) {
      if (!fence) fence = marker;
      else if (marker.startsWith(fence[0]!) && marker.length >= fence.length) fence = undefined;
    } else if (!fence && line.startsWith("## ")) {
      chapters.push({ title: line.slice(3), lines: [] });
      continue;
    }
    const current = chapters[chapters.length - 1];
    if (current) current.lines.push(line);
    else if (line.trim() !== "") return null;
  }
  return {
    title: first.slice(2),
    chapters: chapters.map((c) => ({ title: c.title, content: c.lines.join("\n").trim() })),
  };
}

/**
 * The chapters of an assembled revision, or null when it cannot be split into `count` chapters that
 * assemble back to exactly the same text (the inverse of assembleBookMarkdown, checked, not assumed).
 */
export function splitBookMarkdown(markdown: string, count: number): SplitBook | null {
  for (const fenceAware of [true, false]) {
    const split = splitAt(markdown, fenceAware);
    if (split && split.chapters.length === count && assembleBookMarkdown(split.title, split.chapters) === markdown) {
      return split;
    }
  }
  return null;
}

/** The chapter order a revision recorded, when it still names exactly the book's chapters. */
function recordedOrder(changes: unknown, currentIds: string[]): string[] | null {
  const ids = (changes as Partial<RevisionChanges> | null)?.chapterIds;
  if (!Array.isArray(ids) || ids.length !== currentIds.length) return null;
  const set = new Set(currentIds);
  return ids.every((id) => typeof id === "string" && set.has(id)) && new Set(ids).size === ids.length ? ids : null;
}

/**
 * Makes an earlier revision the current text (writers; not while generating): the book title, each
 * chapter's title and text, and (when the revision recorded it) the chapter order are put back, then,
 * like any edit and in one transaction, Book.content is re-assembled, a new revision is recorded (history
 * is never rewritten), the formats are marked stale and `book.revision_restored` is logged.
 */
export async function restoreRevision(
  ctx: Ctx,
  target: { bookId: string; revisionId: string },
  input: RestoreRevisionInput = {},
): Promise<RestoreResult> {
  assertCan(ctx.actor, "book:update");
  const data = restoreRevisionInput.parse(input);
  const result = await withEditRetry(() =>
    ctx.db.$transaction(async (tx) => {
      const book = await lockEditableBook(tx, ctx.actor.organizationId, target.bookId, { requireContent: true });
      assertNotStale(data.expectedUpdatedAt, book.updatedAt, { book: bookEditView(book) }, "book");
      const restored = await tx.bookRevision.findFirst({ where: { id: target.revisionId, bookId: book.id } });
      if (!restored) throw notFound("Revision");
      if (restored.content === book.content) return { book: bookEditView(book), revision: null };

      const chapters = await tx.chapter.findMany({ where: { bookId: book.id }, orderBy: { order: "asc" } });
      const split = splitBookMarkdown(restored.content, chapters.length);
      if (!split) {
        throw new AppError(
          "CONFLICT",
          `Version ${restored.version} cannot be split back into this book's ${chapters.length} chapters`,
        );
      }
      const currentIds = chapters.map((c) => c.id);
      const ids = recordedOrder(restored.changes, currentIds) ?? currentIds;
      const byId = new Map(chapters.map((c) => [c.id, c]));
      const changed: RevisionChanges["chapters"] = [];
      for (const [index, id] of ids.entries()) {
        const chapter = byId.get(id)!;
        const wanted = split.chapters[index]!;
        const fields: string[] = [];
        if (wanted.title !== chapter.title.trim()) fields.push("title");
        if (wanted.content !== demoteChapterHeadings(chapter.content.trim())) fields.push("content");
        if (chapter.order !== index + 1) fields.push("order");
        if (fields.length === 0) continue;
        const wordCount = fields.includes("content") ? countWords(wanted.content) : chapter.wordCount;
        if (fields.includes("title") || fields.includes("content")) {
          await tx.chapter.update({
            where: { id },
            data: {
              ...(fields.includes("title") ? { title: wanted.title } : {}),
              ...(fields.includes("content") ? { content: wanted.content, wordCount } : {}),
            },
          });
          if (fields.includes("content")) {
            await reanchorComments(tx, id, editBetween(chapter.content, wanted.content), wanted.content);
          }
        }
        changed.push({
          id,
          order: index + 1,
          ...(chapter.order !== index + 1 ? { from: chapter.order } : {}),
          title: wanted.title,
          fields,
          wordsBefore: chapter.wordCount,
          wordsAfter: wordCount,
        });
      }
      if (ids.some((id, index) => currentIds[index] !== id)) await applyChapterOrder(tx, book.id, ids);
      const titleChanged = split.title !== book.title.trim();
      const current = titleChanged
        ? await tx.book.update({ where: { id: book.id }, data: { title: split.title } })
        : book;
      const recorded = await recordRevision(tx, {
        book: current,
        authorId: ctx.actor.userId,
        wordsBefore: totalWords(chapters),
        changes: {
          kind: "revision.restored",
          restoredFrom: restored.version,
          chapters: changed,
          fields: titleChanged ? ["title"] : [],
        },
      });
      await recordActivity(tx, {
        action: "book.revision_restored",
        resource: "book",
        resourceId: book.id,
        organizationId: ctx.actor.organizationId,
        actorId: ctx.actor.userId,
        metadata: { revisionId: restored.id, restoredFrom: restored.version, version: recorded.revision.version },
        ...ctx.meta,
      });
      return { book: bookEditView(recorded.book), revision: revisionView(recorded.revision) };
    }, editTransactionOptions),
  );
  if (result.revision) {
    const chapterIds = (result.revision.changes?.chapters ?? []).filter((c) => c.fields.includes("content"));
    await checkAfterEdit(
      ctx,
      target.bookId,
      chapterIds.map((c) => c.id),
    );
  }
  return result;
}
