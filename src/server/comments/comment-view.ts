import "server-only";
import type { Comment } from "@/contracts/comments";
import type { Prisma } from "@/generated/prisma/client";

const person = { select: { id: true, name: true } } as const;

/** What a comment is read with: its author, resolver, mentions and replies (oldest first) with theirs. */
export const commentInclude = {
  author: person,
  resolvedBy: person,
  mentions: { where: { replyId: null }, include: { user: person }, orderBy: { createdAt: "asc" } },
  replies: {
    orderBy: { createdAt: "asc" },
    include: { author: person, mentions: { include: { user: person }, orderBy: { createdAt: "asc" } } },
  },
} as const satisfies Prisma.BookCommentInclude;

export type CommentRow = Prisma.BookCommentGetPayload<{ include: typeof commentInclude }>;

/** A comment and its thread on the wire. */
export function commentView(row: CommentRow): Comment {
  return {
    id: row.id,
    bookId: row.bookId,
    chapterId: row.chapterId,
    author: row.author,
    body: row.body,
    startOffset: row.startOffset,
    endOffset: row.endOffset,
    quote: row.quote,
    detached: row.detached,
    status: row.status,
    resolvedBy: row.resolvedBy,
    resolvedAt: row.resolvedAt?.toISOString() ?? null,
    mentions: row.mentions.map((m) => m.user),
    replies: row.replies.map((reply) => ({
      id: reply.id,
      commentId: reply.commentId,
      author: reply.author,
      body: reply.body,
      mentions: reply.mentions.map((m) => m.user),
      createdAt: reply.createdAt.toISOString(),
    })),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
