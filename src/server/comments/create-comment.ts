import "server-only";
import { type Comment, type CreateCommentInput, createCommentInputSchema } from "@/contracts/comments";
import { recordActivity } from "@/server/activity/record-activity";
import { assertCan } from "@/server/auth/permissions";
import { findBook } from "@/server/books/find-book";
import type { Ctx } from "@/server/context";
import { anchorPassage } from "./anchor-passage";
import { announceReviewChange } from "./announce-review";
import { bookWriters } from "./book-audience";
import { loadCommentView } from "./find-comment";
import { notifyReview } from "./notify-review";
import { resolveMentions } from "./resolve-mentions";

/**
 * Comments on a passage of a chapter (comment:create). In one transaction: the comment anchored by offsets,
 * quote and context; its mentions, each told "mentioned"; the book's writers told "commented"; the activity
 * row `comment.created`; and the book's open event streams woken.
 */
export async function createComment(ctx: Ctx, bookId: string, input: CreateCommentInput): Promise<Comment> {
  assertCan(ctx.actor, "comment:create");
  const data = createCommentInputSchema.parse(input);
  return ctx.db.$transaction(async (tx) => {
    const book = await findBook(tx, ctx.actor, bookId);
    const anchor = await anchorPassage(tx, book.id, data);
    const mentioned = await resolveMentions(tx, book, data.body, data.mentionIds);
    const comment = await tx.bookComment.create({
      data: {
        organizationId: book.organizationId,
        bookId: book.id,
        chapterId: anchor.chapter.id,
        authorId: ctx.actor.userId,
        body: data.body,
        startOffset: data.startOffset,
        endOffset: data.endOffset,
        quote: data.quote,
        contextBefore: anchor.contextBefore,
        contextAfter: anchor.contextAfter,
        mentions: { create: mentioned.map((userId) => ({ userId })) },
      },
    });
    await notifyReview(tx, {
      kind: "mentioned",
      userIds: mentioned,
      actorId: ctx.actor.userId,
      book,
      excerpt: data.body,
    });
    const writers = (await bookWriters(tx, book)).filter((id) => !mentioned.includes(id));
    await notifyReview(tx, {
      kind: "commented",
      userIds: writers,
      actorId: ctx.actor.userId,
      book,
      excerpt: data.body,
    });
    await recordActivity(tx, {
      action: "comment.created",
      resource: "book",
      resourceId: book.id,
      organizationId: ctx.actor.organizationId,
      actorId: ctx.actor.userId,
      metadata: { commentId: comment.id, chapterId: comment.chapterId, mentions: mentioned.length },
      ...ctx.meta,
    });
    await announceReviewChange(tx, book.organizationId, book.id);
    return loadCommentView(tx, comment.id);
  });
}
