import "server-only";
import type { BookCheckRun } from "@/generated/prisma/client";
import { assertCan } from "@/server/auth/permissions";
import { findBook } from "@/server/books/find-book";
import type { Ctx } from "@/server/context";
import { notFound } from "@/server/errors";

/** The book's latest check run (for clients that wait for a check: API v1, the CLI); 404 when none. */
export async function getLatestCheck(ctx: Ctx, bookId: string): Promise<BookCheckRun> {
  assertCan(ctx.actor, "correction:read");
  const book = await findBook(ctx.db, ctx.actor, bookId);
  const run = await ctx.db.bookCheckRun.findFirst({ where: { bookId: book.id }, orderBy: { createdAt: "desc" } });
  if (!run) throw notFound("Check run");
  return run;
}
