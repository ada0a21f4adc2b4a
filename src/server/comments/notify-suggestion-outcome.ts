import "server-only";
import type { ChapterCorrection, BookCorrection } from "@/generated/prisma/client";
import { recordActivity } from "@/server/activity/record-activity";
import type { Ctx } from "@/server/context";
import type { DbTx } from "@/server/db/client";
import { announceReviewChange } from "./announce-review";
import { notifyReview } from "./notify-review";

/**
 * After a writer accepted (applied) or rejected (dismissed) a finding, inside that transaction: when the
 * finding was a person's suggestion, its author is told the outcome, `suggestion.accepted|rejected` is logged
 * and the book's open event streams are woken. Findings of the checks are left alone.
 */
export async function settleSuggestion(
  tx: DbTx,
  ctx: Ctx,
  row: ChapterCorrection | BookCorrection,
  bookId: string,
  outcome: "accepted" | "rejected",
): Promise<void> {
  if (!("source" in row) || row.source !== "PERSON") return;
  const book = await tx.book.findFirstOrThrow({
    where: { id: bookId, organizationId: ctx.actor.organizationId },
    select: { id: true, title: true, organizationId: true },
  });
  const excerpt = `${row.original ?? ""} → ${row.suggestions[0] ?? ""}`;
  if (row.authorId) {
    await notifyReview(tx, {
      kind: outcome === "accepted" ? "suggestion_accepted" : "suggestion_rejected",
      userIds: [row.authorId],
      actorId: ctx.actor.userId,
      book,
      excerpt,
    });
  }
  await recordActivity(tx, {
    action: outcome === "accepted" ? "suggestion.accepted" : "suggestion.rejected",
    resource: "book",
    resourceId: book.id,
    organizationId: ctx.actor.organizationId,
    actorId: ctx.actor.userId,
    metadata: { correctionId: row.id, authorId: row.authorId },
    ...ctx.meta,
  });
  await announceReviewChange(tx, book.organizationId, book.id);
}
