import "server-only";
import type { Correction } from "@/contracts/corrections";
import { type CreateSuggestionInput, createSuggestionInputSchema } from "@/contracts/comments";
import { recordActivity } from "@/server/activity/record-activity";
import { assertCan } from "@/server/auth/permissions";
import { findBook } from "@/server/books/find-book";
import type { Ctx } from "@/server/context";
import { loadCorrectionView } from "@/server/corrections/find-correction";
import { anchorPassage } from "./anchor-passage";
import { announceReviewChange } from "./announce-review";
import { bookWriters } from "./book-audience";
import { notifyReview } from "./notify-review";

/** The rule id and checker name a person's suggestion carries in the corrections panel's filters. */
export const PERSON_SUGGESTION = { checker: "person", ruleId: "suggestion" } as const;

/**
 * "Suggest a change" (suggestion:create): the proposed replacement of a passage becomes an OPEN
 * ChapterCorrection of source PERSON with the suggester as its author, anchored and re-anchored like a
 * check's finding, so writers accept it (apply → revision) or reject it (dismiss) through the corrections
 * workflow, and its author is told the outcome. The book's writers are told "suggested"; logged as
 * `suggestion.created`.
 */
export async function createSuggestion(ctx: Ctx, bookId: string, input: CreateSuggestionInput): Promise<Correction> {
  assertCan(ctx.actor, "suggestion:create");
  const data = createSuggestionInputSchema.parse(input);
  return ctx.db.$transaction(async (tx) => {
    const book = await findBook(tx, ctx.actor, bookId);
    const anchor = await anchorPassage(tx, book.id, data);
    const correction = await tx.chapterCorrection.create({
      data: {
        chapterId: anchor.chapter.id,
        bookId: book.id,
        organizationId: book.organizationId,
        type: "STYLE",
        severity: "INFO",
        message: data.note || "Suggested change",
        original: data.quote,
        suggestions: [data.replacement],
        startOffset: data.startOffset,
        endOffset: data.endOffset,
        contextBefore: anchor.contextBefore,
        contextAfter: anchor.contextAfter,
        ...PERSON_SUGGESTION,
        source: "PERSON",
        authorId: ctx.actor.userId,
      },
    });
    const writers = await bookWriters(tx, book);
    const excerpt = `${data.quote} → ${data.replacement}`;
    await notifyReview(tx, { kind: "suggested", userIds: writers, actorId: ctx.actor.userId, book, excerpt });
    await recordActivity(tx, {
      action: "suggestion.created",
      resource: "book",
      resourceId: book.id,
      organizationId: ctx.actor.organizationId,
      actorId: ctx.actor.userId,
      metadata: {
        correctionId: correction.id,
        chapterId: correction.chapterId,
        original: data.quote.slice(0, 200),
        replacement: data.replacement.slice(0, 200),
      },
      ...ctx.meta,
    });
    await announceReviewChange(tx, book.organizationId, book.id);
    return loadCorrectionView(tx, { scope: "CHAPTER", bookId: book.id, id: correction.id });
  });
}
