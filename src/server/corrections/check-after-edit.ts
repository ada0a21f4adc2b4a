import "server-only";
import type { Ctx } from "@/server/context";
import type { Enqueue } from "@/server/queue/queue";
import { requestBookCheck } from "./send-book-check";

/**
 * After an edit committed (chapter text, restore, reorder): asks for an EDIT check of the chapters it
 * changed. A pending run of the book takes it (debounce: a burst of edits makes one check). Never fails the
 * edit: a lost request only delays the findings until the next check, which re-reads every changed chapter.
 */
export async function checkAfterEdit(ctx: Ctx, bookId: string, chapterIds: string[], via?: Enqueue): Promise<void> {
  try {
    await requestBookCheck(
      ctx.db,
      {
        bookId,
        organizationId: ctx.actor.organizationId,
        trigger: "EDIT",
        requestedById: ctx.actor.userId,
        chapterIds,
      },
      via,
    );
  } catch (error) {
    console.warn(`[book.check] could not request the check of book ${bookId} after an edit:`, error);
  }
}
