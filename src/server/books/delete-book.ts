import "server-only";
import { recordActorActivity } from "@/server/activity/record-activity";
import { assertCan } from "@/server/auth/permissions";
import type { Ctx } from "@/server/context";
import { findBook } from "./find-book";
import { organizationStorage } from "@/server/storage-settings/organization-storage";

/**
 * Deletes a book with its chapters, jobs, formats and revisions (OWNER/ADMIN) and logs `book.deleted`.
 * A generation still running notices at its next heartbeat that its job is gone and stops. Stored files
 * are removed after the rows; a storage failure is logged and leaves only an orphan file, never a row.
 */
export async function deleteBook(ctx: Ctx, bookId: string): Promise<void> {
  assertCan(ctx.actor, "book:delete");
  const { book, keys } = await ctx.db.$transaction(async (tx) => {
    const book = await findBook(tx, ctx.actor, bookId);
    const formats = await tx.bookFormat.findMany({ where: { bookId: book.id }, select: { filePath: true } });
    await tx.book.delete({ where: { id: book.id } });
    await recordActorActivity(tx, ctx, {
      action: "book.deleted",
      resource: "book",
      resourceId: book.id,
      metadata: { title: book.title },
    });
    return { book, keys: [book.s3Key, ...formats.map((f) => f.filePath)].filter((k): k is string => Boolean(k)) };
  });
  if (keys.length === 0) return;
  try {
    const { provider } = await organizationStorage(ctx.db, ctx.actor.organizationId);
    await Promise.all(keys.map((key) => provider.delete(key)));
  } catch (error) {
    console.error(`[books] book ${book.id} deleted, but its stored files could not be removed:`, error);
  }
}
