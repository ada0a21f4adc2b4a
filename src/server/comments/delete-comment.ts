import "server-only";
import { recordActivity } from "@/server/activity/record-activity";
import { assertCan, can } from "@/server/auth/permissions";
import { findBook } from "@/server/books/find-book";
import type { Ctx } from "@/server/context";
import { AppError } from "@/server/errors";
import { announceReviewChange } from "./announce-review";
import { findComment } from "./find-comment";

/**
 * Deletes a comment and its thread: its author may (comment:create), and so may whoever resolves threads
 * (comment:resolve) — anyone else gets 403. Logged as `comment.deleted` with the quote it was on.
 */
export async function deleteComment(ctx: Ctx, target: { bookId: string; commentId: string }): Promise<void> {
  assertCan(ctx.actor, "comment:create");
  await ctx.db.$transaction(async (tx) => {
    const book = await findBook(tx, ctx.actor, target.bookId);
    const comment = await findComment(tx, ctx.actor.organizationId, book.id, target.commentId);
    const own = comment.authorId !== null && comment.authorId === ctx.actor.userId;
    if (!own && !can(ctx.actor, "comment:resolve")) {
      throw new AppError("FORBIDDEN", "Only its author or a writer of the book can delete a comment", {
        details: { action: "comment:resolve" },
      });
    }
    await tx.bookComment.delete({ where: { id: comment.id } });
    await recordActivity(tx, {
      action: "comment.deleted",
      resource: "book",
      resourceId: book.id,
      organizationId: ctx.actor.organizationId,
      actorId: ctx.actor.userId,
      metadata: { commentId: comment.id, chapterId: comment.chapterId, quote: comment.quote.slice(0, 200) },
      ...ctx.meta,
    });
    await announceReviewChange(tx, book.organizationId, book.id);
  });
}
