import "server-only";
import type { ReviewFrame } from "@/contracts/comments";
import type { DbTx } from "@/server/db/client";

/** Where a book's review stands (counts and latest change), for the event stream's `event: review` frames. */
export async function reviewState(db: DbTx, organizationId: string, bookId: string): Promise<ReviewFrame> {
  const [comments, replies, suggestions] = await Promise.all([
    db.bookComment.aggregate({ where: { bookId, organizationId }, _count: { _all: true }, _max: { updatedAt: true } }),
    db.bookCommentReply.aggregate({
      where: { organizationId, comment: { bookId } },
      _count: { _all: true },
      _max: { createdAt: true },
    }),
    db.chapterCorrection.aggregate({
      where: { bookId, organizationId, source: "PERSON" },
      _count: { _all: true },
      _max: { updatedAt: true },
    }),
  ]);
  const times = [comments._max.updatedAt, replies._max.createdAt, suggestions._max.updatedAt]
    .filter((t): t is Date => t !== null)
    .map((t) => t.getTime());
  return {
    comments: comments._count._all,
    replies: replies._count._all,
    suggestions: suggestions._count._all,
    changedAt: times.length > 0 ? new Date(Math.max(...times)).toISOString() : null,
  };
}
