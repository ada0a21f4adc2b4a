import "server-only";
import type { Comment } from "@/contracts/comments";
import type { DbTx } from "@/server/db/client";
import { notFound } from "@/server/errors";
import { commentInclude, commentView } from "./comment-view";

/** The comment with this id on this book of the organization, or 404 (never another tenant's or book's). */
export async function findComment(db: DbTx, organizationId: string, bookId: string, commentId: string) {
  const comment = await db.bookComment.findFirst({ where: { id: commentId, bookId, organizationId } });
  if (!comment) throw notFound("Comment");
  return comment;
}

/** The wire view of a comment re-read with its thread. */
export async function loadCommentView(db: DbTx, commentId: string): Promise<Comment> {
  return commentView(await db.bookComment.findUniqueOrThrow({ where: { id: commentId }, include: commentInclude }));
}
