import "server-only";
import { type Comment, type CommentStatusInput, commentStatusInputSchema } from "@/contracts/comments";
import { recordActivity } from "@/server/activity/record-activity";
import { assertCan } from "@/server/auth/permissions";
import { findBook } from "@/server/books/find-book";
import type { Ctx } from "@/server/context";
import { AppError } from "@/server/errors";
import { announceReviewChange } from "./announce-review";
import { findComment, loadCommentView } from "./find-comment";

/**
 * Resolves (RESOLVED) or reopens (OPEN) a thread (comment:resolve). Asking for the status it already has is
 * 409 CONFLICT, so two people resolving at once learn that one of them was first. Logged as
 * `comment.resolved` or `comment.reopened`.
 */
export async function setCommentStatus(
  ctx: Ctx,
  target: { bookId: string; commentId: string },
  input: CommentStatusInput,
): Promise<Comment> {
  assertCan(ctx.actor, "comment:resolve");
  const data = commentStatusInputSchema.parse(input);
  return ctx.db.$transaction(async (tx) => {
    const book = await findBook(tx, ctx.actor, target.bookId);
    const comment = await findComment(tx, ctx.actor.organizationId, book.id, target.commentId);
    const resolving = data.status === "RESOLVED";
    const { count } = await tx.bookComment.updateMany({
      where: { id: comment.id, status: resolving ? "OPEN" : "RESOLVED" },
      data: resolving
        ? { status: "RESOLVED", resolvedById: ctx.actor.userId, resolvedAt: new Date() }
        : { status: "OPEN", resolvedById: null, resolvedAt: null },
    });
    if (count === 0) {
      throw new AppError("CONFLICT", `This comment is already ${data.status.toLowerCase()}`, {
        field: "status",
        details: { status: data.status },
      });
    }
    await recordActivity(tx, {
      action: resolving ? "comment.resolved" : "comment.reopened",
      resource: "book",
      resourceId: book.id,
      organizationId: ctx.actor.organizationId,
      actorId: ctx.actor.userId,
      metadata: { commentId: comment.id },
      ...ctx.meta,
    });
    await announceReviewChange(tx, book.organizationId, book.id);
    return loadCommentView(tx, comment.id);
  });
}
