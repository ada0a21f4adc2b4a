import "server-only";
import type { BookCheckRun } from "@/generated/prisma/client";
import { assertCan } from "@/server/auth/permissions";
import { findBook } from "@/server/books/find-book";
import type { Ctx } from "@/server/context";
import { AppError } from "@/server/errors";
import { lockBookChecks } from "./request-book-check";

/**
 * Cancels the book's active check: a pending run ends at once (CANCELLED); a running one is asked to stop
 * (the worker looks between chapters and aborts its checkers) and keeps the findings already stored.
 * 409 CONFLICT when no check is pending or running.
 */
export async function cancelCheck(ctx: Ctx, bookId: string): Promise<BookCheckRun> {
  assertCan(ctx.actor, "correction:check");
  const book = await findBook(ctx.db, ctx.actor, bookId);
  return ctx.db.$transaction(async (tx) => {
    await lockBookChecks(tx, book.id);
    const active = await tx.bookCheckRun.findMany({
      where: { bookId: book.id, status: { in: ["PENDING", "RUNNING"] } },
      orderBy: { createdAt: "asc" },
    });
    if (active.length === 0) throw new AppError("CONFLICT", "No check of this book is pending or running");
    const now = new Date();
    await tx.bookCheckRun.updateMany({
      where: { id: { in: active.filter((r) => r.status === "PENDING").map((r) => r.id) } },
      data: { status: "CANCELLED", cancelRequestedAt: now, finishedAt: now },
    });
    await tx.bookCheckRun.updateMany({
      where: { id: { in: active.filter((r) => r.status === "RUNNING").map((r) => r.id) } },
      data: { cancelRequestedAt: now },
    });
    const latest = active[active.length - 1];
    return tx.bookCheckRun.findUniqueOrThrow({ where: { id: latest?.id ?? "" } });
  });
}
