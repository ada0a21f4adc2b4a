import "server-only";
import { Prisma } from "@/generated/prisma/client";
import { type BibleEnvelope, bibleSchema, type UpdateBibleInput, updateBibleInput } from "@/contracts/bible";
import { recordActivity } from "@/server/activity/record-activity";
import { bibleAdditionsSchema } from "@/engines/long-form/bible";
import { assertCan } from "@/server/auth/permissions";
import type { Ctx } from "@/server/context";
import type { DbTx } from "@/server/db/client";
import { asJson } from "@/server/generation/job-progress";
import { findBook } from "./find-book";

/** A stored bible as the wire shape; an unreadable one (never written by this code) reads as null. */
function bibleView(raw: unknown): BibleEnvelope["bible"] {
  if (raw === null || raw === undefined) return null;
  const parsed = bibleSchema.safeParse(raw);
  return parsed.success ? parsed.data : null;
}

/** What each chapter of the book added to the bible while it was written (Chapter.bibleAdditions), in order. */
async function additionsOf(db: DbTx, bookId: string): Promise<BibleEnvelope["additions"]> {
  const chapters = await db.chapter.findMany({
    where: { bookId, bibleAdditions: { not: Prisma.DbNull } },
    select: { order: true, title: true, bibleAdditions: true },
    orderBy: { order: "asc" },
  });
  return chapters.flatMap((c) => {
    const parsed = bibleAdditionsSchema.safeParse(c.bibleAdditions);
    if (!parsed.success || parsed.data.characters.length + parsed.data.terms.length === 0) return [];
    return [{ chapter: c.order, title: c.title, ...parsed.data }];
  });
}

/** The book's bible and what its chapters added while written (everyone who may read the book). */
export async function getBookBible(ctx: Ctx, bookId: string): Promise<BibleEnvelope> {
  assertCan(ctx.actor, "book:read");
  const book = await findBook(ctx.db, ctx.actor, bookId);
  return { bible: bibleView(book.bible), additions: await additionsOf(ctx.db, book.id) };
}

/**
 * Replaces the book's bible (writers). A running generation keeps the bible it started with; the next run
 * (a retry) and every chapter it writes use the edited one. Logs `book.updated` in the same transaction.
 * The chapters' additions are not part of the body: the pipeline writes them, and they are answered as stored.
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
    return { bible: bibleView(saved.bible), additions: await additionsOf(tx, book.id) };
  });
}
