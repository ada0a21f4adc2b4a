import "server-only";
import { type Comment, type ReplyInput, replyInputSchema } from "@/contracts/comments";
import { recordActivity } from "@/server/activity/record-activity";
import { assertCan } from "@/server/auth/permissions";
import { findBook } from "@/server/books/find-book";
import type { Ctx } from "@/server/context";
import { announceReviewChange } from "./announce-review";
import { findComment, loadCommentView } from "./find-comment";
import { notifyReview } from "./notify-review";
import { resolveMentions } from "./resolve-mentions";

/**
 * Replies in a comment's thread (comment:create; a resolved thread takes replies too, it stays resolved).
 * The people it mentions are told "mentioned"; the comment's author and the earlier repliers "replied";
 * logged as `comment.replied`.
 */
export async function replyToComment(
  ctx: Ctx,
  target: { bookId: string; commentId: string },
  input: ReplyInput,
): Promise<Comment> {
  assertCan(ctx.actor, "comment:create");
  const data = replyInputSchema.parse(input);
  return ctx.db.$transaction(async (tx) => {
    const book = await findBook(tx, ctx.actor, target.bookId);
    const comment = await findComment(tx, ctx.actor.organizationId, book.id, target.commentId);
    const mentioned = await resolveMentions(tx, book, data.body, data.mentionIds);
    const reply = await tx.bookCommentReply.create({
      data: { commentId: comment.id, organizationId: book.organizationId, authorId: ctx.actor.userId, body: data.body },
    });
    if (mentioned.length > 0) {
      await tx.bookCommentMention.createMany({
        data: mentioned.map((userId) => ({ commentId: comment.id, replyId: reply.id, userId })),
      });
    }
    await notifyReview(tx, {
      kind: "mentioned",
      userIds: mentioned,
      actorId: ctx.actor.userId,
      book,
      excerpt: data.body,
    });
    const earlier = await tx.bookCommentReply.findMany({
      where: { commentId: comment.id, authorId: { not: null } },
      select: { authorId: true },
    });
    const thread = [comment.authorId, ...earlier.map((r) => r.authorId)].filter(
      (id): id is string => id !== null && !mentioned.includes(id),
    );
    await notifyReview(tx, { kind: "replied", userIds: thread, actorId: ctx.actor.userId, book, excerpt: data.body });
    await recordActivity(tx, {
      action: "comment.replied",
      resource: "book",
      resourceId: book.id,
      organizationId: ctx.actor.organizationId,
      actorId: ctx.actor.userId,
      metadata: { commentId: comment.id, replyId: reply.id, mentions: mentioned.length },
      ...ctx.meta,
    });
    await announceReviewChange(tx, book.organizationId, book.id);
    return loadCommentView(tx, comment.id);
  });
}
