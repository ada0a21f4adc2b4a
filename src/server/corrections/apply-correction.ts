import "server-only";
import type { z } from "zod";
import { type ApplyCorrectionResult, applyCorrectionInputSchema } from "@/contracts/corrections";
import { recordActivity } from "@/server/activity/record-activity";
import { assertCan } from "@/server/auth/permissions";
import { lockEditableBook } from "@/server/books/lock-editable-book";
import { editTransactionOptions, withEditRetry } from "@/server/books/record-revision";
import { settleSuggestion } from "@/server/comments/notify-suggestion-outcome";
import type { Ctx } from "@/server/context";
import { AppError } from "@/server/errors";
import { applyEditsToChapter, lockChapter } from "./apply-to-chapter";
import { findCorrection, loadCorrectionView } from "./find-correction";
import { recordAppliedCorrections } from "./record-applied";

/**
 * Applies one suggestion of an OPEN finding (writers): its text is replaced only if the chapter still reads
 * the finding's original at its offsets, else 409 CORRECTION_STALE and nothing changes. In one transaction,
 * on the locked book and chapter: the chapter text and word count, the other findings of the chapter
 * re-anchored, the finding ACCEPTED, the next revision (listing it), the formats marked stale, and
 * `correction.applied` in the activity log (a person's suggestion: its author told, `suggestion.accepted`).
 */
export async function applyCorrection(
  ctx: Ctx,
  correctionId: string,
  input: z.input<typeof applyCorrectionInputSchema>,
): Promise<ApplyCorrectionResult> {
  assertCan(ctx.actor, "correction:resolve");
  const data = applyCorrectionInputSchema.parse(input);
  return withEditRetry(() =>
    ctx.db.$transaction(async (tx) => {
      const found = await findCorrection(tx, ctx.actor, correctionId);
      const book = await lockEditableBook(tx, ctx.actor.organizationId, found.bookId, { requireContent: true });
      const { row } = found;
      if (row.status !== "OPEN") {
        throw new AppError("CONFLICT", `This finding is already ${row.status.toLowerCase()}`, {
          details: { status: row.status },
        });
      }
      const replacement = row.suggestions[data.suggestionIndex];
      if (replacement === undefined) {
        throw new AppError("VALIDATION_FAILED", "suggestionIndex: This finding has no such suggestion", {
          field: "suggestionIndex",
        });
      }
      if (!found.chapterId || row.startOffset === null || row.endOffset === null) {
        throw new AppError("CONFLICT", "This finding is not tied to a passage of a chapter: fix it by hand");
      }
      const chaptersBefore = await tx.chapter.findMany({ where: { bookId: book.id }, orderBy: { order: "asc" } });
      const chapter = await lockChapter(tx, book.id, found.chapterId);
      if (!chapter) throw new AppError("CORRECTION_STALE", "The chapter of this finding no longer exists");
      const edit = {
        id: row.id,
        scope: found.scope,
        start: row.startOffset,
        end: row.endOffset,
        original: row.original ?? "",
        replacement,
      };
      const result = await applyEditsToChapter(tx, chapter, [edit]);
      if (result.applied.length === 0) {
        throw new AppError("CORRECTION_STALE", "The text of this finding has changed since the check", {
          details: { correctionId: row.id },
        });
      }
      const revision = await recordAppliedCorrections(tx, ctx, {
        book,
        chaptersBefore,
        changed: [{ chapter, wordsAfter: result.wordCount }],
        applied: result.applied,
      });
      await recordActivity(tx, {
        action: "correction.applied",
        resource: "book",
        resourceId: book.id,
        organizationId: ctx.actor.organizationId,
        actorId: ctx.actor.userId,
        metadata: {
          correctionId: row.id,
          chapterId: chapter.id,
          ruleId: row.ruleId,
          original: edit.original.slice(0, 200),
          replacement: replacement.slice(0, 200),
          version: revision.version,
        },
        ...ctx.meta,
      });
      await settleSuggestion(tx, ctx, row, book.id, "accepted");
      return {
        correction: await loadCorrectionView(tx, { scope: found.scope, bookId: book.id, id: row.id }),
        revisionId: revision.id,
      };
    }, editTransactionOptions),
  );
}
