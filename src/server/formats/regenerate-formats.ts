import "server-only";
import { recordActivity } from "@/server/activity/record-activity";
import { assertCan } from "@/server/auth/permissions";
import { assertStorageAvailable } from "@/server/billing/plans";
import type { Ctx } from "@/server/context";
import { AppError } from "@/server/errors";
import type { Enqueue } from "@/server/queue/queue";
import { enqueueExportFormats } from "./export-formats-queue";
import { findOrgBook } from "./find-org-book";
import { resetFormatRows } from "./reset-format-rows";

/**
 * Queues a fresh render of every format (OWNER/ADMIN/MEMBER), e.g. after the content changed. The rows
 * turn PENDING at once so the panel shows it; files already rendered stay downloadable meanwhile.
 */
export async function regenerateFormats(
  ctx: Ctx,
  bookId: string,
  send?: Enqueue,
): Promise<{ queued: true; jobId: string | null }> {
  assertCan(ctx.actor, "book:update");
  const book = await ctx.db.$transaction(async (tx) => {
    const found = await findOrgBook(tx, ctx.actor, bookId);
    if (!found.content?.trim()) {
      throw new AppError("CONFLICT", "This book has no content to render yet");
    }
    // An organization already at its storage limit is told now (402 with the plan to upgrade to), not
    // after a render that could not be kept. Each format is checked again with its real size when stored.
    await assertStorageAvailable(tx, found.organizationId, 1);
    await resetFormatRows(tx, found, "PENDING");
    await recordActivity(tx, {
      action: "book.formats_regenerated",
      resource: "book",
      resourceId: found.id,
      organizationId: found.organizationId,
      actorId: ctx.actor.userId,
      ...ctx.meta,
    });
    return found;
  });
  // After the commit: a worker that picks the job up at once must see the PENDING rows, not overwrite them later.
  const jobId = await enqueueExportFormats({ bookId: book.id, organizationId: book.organizationId }, send);
  return { queued: true, jobId };
}
