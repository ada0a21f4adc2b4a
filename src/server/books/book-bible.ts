import "server-only";
import { type BibleEnvelope, bibleSchema, type UpdateBibleInput, updateBibleInput } from "@/contracts/bible";
import { recordActivity } from "@/server/activity/record-activity";
import { assertCan } from "@/server/auth/permissions";
import type { Ctx } from "@/server/context";
import { asJson } from "@/server/generation/job-progress";
import { findBook } from "./find-book";

/** A stored bible as the wire shape; an unreadable one (never written by this code) reads as null. */
function bibleView(raw: unknown): BibleEnvelope["bible"] {
  if (raw === null || raw === undefined) return null;
  const parsed = bibleSchema.safeParse(raw);
  return parsed.success ? parsed.data : null;
}

/** The book's bible (everyone who may read the book). */
export async function getBookBible(ctx: Ctx, bookId: string): Promise<BibleEnvelope> {
  assertCan(ctx.actor, "book:read");
  const book = await findBook(ctx.db, ctx.actor, bookId);
  return { bible: bibleView(book.bible) };
}

/**
 * Replaces the book's bible (writers). A running generation keeps the bible it started with; the next run
 * (a retry) and every chapter it writes use the edited one. Logs `book.updated` in the same transaction.
 */
export async function updateBookBible(ctx: Ctx, bookId: string, input: UpdateBibleInput): Promise<BibleEnvelope> {
  assertCan(ctx.actor, "book:update");
  const { bible } = updateBibleInput.parse(input);
  return ctx.db.$transaction(async (tx) => {
    const book = await findBook(tx, ctx.actor, bookId);
    const saved = await tx.book.update({ where: { id: book.id }, data: { bible: asJson(bible) } });
    await recordActivity(tx, {
      action: "book.updated",
      resource: "book",
      resourceId: book.id,
      organizationId: book.organizationId,
      actorId: ctx.actor.userId,
      metadata: { fields: ["bible"] },
    });
    return { bible: bibleView(saved.bible) };
  });
}
