import "server-only";
import { type CommentList, type CommentsQuery, commentsQuerySchema } from "@/contracts/comments";
import { assertCan } from "@/server/auth/permissions";
import { findBook } from "@/server/books/find-book";
import type { Ctx } from "@/server/context";
import { commentInclude, commentView } from "./comment-view";

/** Most comments one list returns (per chapter in the reader; the whole book through API v1). */
const LIST_LIMIT = 1000;

/**
 * A book's comments (comment:read), optionally of one chapter or one status, in reading order (chapter, then
 * position), each with its thread of replies, author names and mentions.
 */
export async function listComments(ctx: Ctx, bookId: string, query: CommentsQuery = {}): Promise<CommentList> {
  assertCan(ctx.actor, "comment:read");
  const filters = commentsQuerySchema.parse(query);
  const book = await findBook(ctx.db, ctx.actor, bookId);
  const rows = await ctx.db.bookComment.findMany({
    where: {
      organizationId: ctx.actor.organizationId,
      bookId: book.id,
      ...(filters.chapterId ? { chapterId: filters.chapterId } : {}),
      ...(filters.status ? { status: filters.status } : {}),
    },
    include: { ...commentInclude, chapter: { select: { order: true } } },
    orderBy: [{ startOffset: "asc" }, { createdAt: "asc" }],
    take: LIST_LIMIT,
  });
  rows.sort((a, b) => a.chapter.order - b.chapter.order);
  return { items: rows.map(commentView) };
}
