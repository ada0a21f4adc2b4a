import "server-only";
import { can } from "@/server/auth/permissions";
import { reviewState } from "@/server/comments/review-state";
import { bookRequestContext } from "./load-book";

/**
 * The book's review state as the event stream's `review` frames carry it, read while the page renders, so
 * before the reader loads its comments and findings. The stream's first frame re-reads them only when it
 * differs: something changed since this render. Null when this person may not read the review.
 */
export async function loadReviewKey(bookId: string): Promise<string | null> {
  const ctx = await bookRequestContext(bookId);
  if (!can(ctx.actor, "comment:read")) return null;
  return JSON.stringify(await reviewState(ctx.db, ctx.actor.organizationId, bookId));
}
