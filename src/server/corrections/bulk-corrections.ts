import "server-only";
import {
  type BulkCorrectionsInput,
  type BulkCorrectionsResult,
  bulkCorrectionsInputSchema,
} from "@/contracts/corrections";
import type { Chapter } from "@/generated/prisma/client";
import { recordActivity } from "@/server/activity/record-activity";
import { assertCan } from "@/server/auth/permissions";
import { findBook } from "@/server/books/find-book";
import { lockEditableBook } from "@/server/books/lock-editable-book";
import { editTransactionOptions, withEditRetry } from "@/server/books/record-revision";
import type { Ctx } from "@/server/context";
import { applyEditsToChapter, lockChapter, type PlannedEdit } from "./apply-to-chapter";
import { recordAppliedCorrections } from "./record-applied";

/**
 * "Apply all N spelling suggestions in this chapter" / "dismiss all of this rule" (writers): every OPEN
 * finding of the book matching the filters (suggestions from people excepted), in one transaction. Applies write each finding's first
 * suggestion, chapter by chapter from the end of the text backwards, under ONE revision; findings whose
 * text changed are skipped and counted. Dismissals become REJECTED with the optional reason.
 */
export async function bulkCorrections(
  ctx: Ctx,
  bookId: string,
  input: BulkCorrectionsInput,
): Promise<BulkCorrectionsResult> {
  assertCan(ctx.actor, "correction:resolve");
  const data = bulkCorrectionsInputSchema.parse(input);
  const found = await findBook(ctx.db, ctx.actor, bookId);
  const where = {
    bookId: found.id,
    organizationId: ctx.actor.organizationId,
    status: "OPEN" as const,
    ...(data.chapterId ? { chapterId: data.chapterId } : {}),
    ...(data.type ? { type: data.type } : {}),
    ...(data.ruleId ? { ruleId: data.ruleId } : {}),
    ...(data.checker ? { checker: data.checker } : {}),
  };
  // A person's suggestion is decided on its own (its author is told the outcome), never in bulk.
  const fromChecks = { source: "CHECKER" as const };
  if (data.action === "dismiss") {
    return ctx.db.$transaction(async (tx) => {
      const rejected = {
        status: "REJECTED" as const,
        resolvedById: ctx.actor.userId,
        resolvedAt: new Date(),
        resolutionNote: data.reason || null,
      };
      const chapters = await tx.chapterCorrection.updateMany({ where: { ...where, ...fromChecks }, data: rejected });
      const books = await tx.bookCorrection.updateMany({ where, data: rejected });
      const dismissed = chapters.count + books.count;
      if (dismissed > 0) await logBulk(tx, ctx, found.id, data, { dismissed });
      return { applied: 0, dismissed, skippedStale: 0, revisionId: null };
    });
  }
  return withEditRetry(() =>
    ctx.db.$transaction(async (tx) => {
      const book = await lockEditableBook(tx, ctx.actor.organizationId, found.id, { requireContent: true });
      const anchored = {
        startOffset: { not: null },
        endOffset: { not: null },
        NOT: { suggestions: { isEmpty: true } },
      };
      const [chapterRows, bookRows] = await Promise.all([
        tx.chapterCorrection.findMany({ where: { ...where, ...fromChecks, ...anchored } }),
        tx.bookCorrection.findMany({ where: { ...where, ...anchored, chapterId: data.chapterId ?? { not: null } } }),
      ]);
      const plan = new Map<string, PlannedEdit[]>();
      for (const [scope, rows] of [
        ["CHAPTER", chapterRows],
        ["BOOK", bookRows],
      ] as const) {
        for (const row of rows) {
          if (!row.chapterId || row.startOffset === null || row.endOffset === null || !row.suggestions[0]) continue;
          const edits = plan.get(row.chapterId) ?? [];
          edits.push({
            id: row.id,
            scope,
            start: row.startOffset,
            end: row.endOffset,
            original: row.original ?? "",
            replacement: row.suggestions[0],
          });
          plan.set(row.chapterId, edits);
        }
      }
      const chaptersBefore = await tx.chapter.findMany({ where: { bookId: book.id }, orderBy: { order: "asc" } });
      const applied: PlannedEdit[] = [];
      const changed: { chapter: Chapter; wordsAfter: number }[] = [];
      let skippedStale = 0;
      for (const chapterId of [...plan.keys()].sort()) {
        const chapter = await lockChapter(tx, book.id, chapterId);
        const edits = plan.get(chapterId) ?? [];
        if (!chapter) {
          skippedStale += edits.length;
          continue;
        }
        const result = await applyEditsToChapter(tx, chapter, edits);
        skippedStale += result.stale.length;
        applied.push(...result.applied);
        if (result.applied.length > 0) changed.push({ chapter, wordsAfter: result.wordCount });
      }
      if (applied.length === 0) return { applied: 0, dismissed: 0, skippedStale, revisionId: null };
      changed.sort((a, b) => a.chapter.order - b.chapter.order);
      const revision = await recordAppliedCorrections(tx, ctx, { book, chaptersBefore, changed, applied });
      await logBulk(tx, ctx, book.id, data, { applied: applied.length, skippedStale, version: revision.version });
      return { applied: applied.length, dismissed: 0, skippedStale, revisionId: revision.id };
    }, editTransactionOptions),
  );
}

async function logBulk(
  tx: Parameters<typeof recordActivity>[0],
  ctx: Ctx,
  bookId: string,
  data: BulkCorrectionsInput,
  counts: Record<string, number | string>,
): Promise<void> {
  await recordActivity(tx, {
    action: "corrections.bulk_resolved",
    resource: "book",
    resourceId: bookId,
    organizationId: ctx.actor.organizationId,
    actorId: ctx.actor.userId,
    metadata: {
      action: data.action,
      filters: {
        chapterId: data.chapterId ?? null,
        type: data.type ?? null,
        ruleId: data.ruleId ?? null,
        checker: data.checker ?? null,
      },
      ...counts,
    },
    ...ctx.meta,
  });
}
