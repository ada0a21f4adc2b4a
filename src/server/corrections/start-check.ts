import "server-only";
import type { z } from "zod";
import { startCheckInputSchema } from "@/contracts/corrections";
import { assertCan } from "@/server/auth/permissions";
import { findBook } from "@/server/books/find-book";
import type { Ctx } from "@/server/context";
import { AppError } from "@/server/errors";
import type { Enqueue } from "@/server/queue/queue";
import type { BookCheckRun } from "@/generated/prisma/client";
import { recordCheckRequest } from "./request-book-check";
import { sendBookCheck } from "./send-book-check";

/**
 * "Check the book" (writers; API keys with books:write): a pending run takes the request, or a new one is
 * created, then the job is queued. Only a book whose text exists can be checked (409 CONFLICT before).
 */
export async function startCheck(
  ctx: Ctx,
  bookId: string,
  input: z.input<typeof startCheckInputSchema>,
  options: { via?: Enqueue } = {},
): Promise<BookCheckRun> {
  assertCan(ctx.actor, "correction:check");
  const data = startCheckInputSchema.parse(input);
  const book = await findBook(ctx.db, ctx.actor, bookId);
  if (!book.content) {
    throw new AppError(
      "CONFLICT",
      "This book has not been written yet: it can be checked once its generation has completed",
    );
  }
  const run = await ctx.db.$transaction((tx) =>
    recordCheckRequest(tx, {
      bookId: book.id,
      organizationId: book.organizationId,
      trigger: ctx.actor.via === "apiKey" ? "API" : "MANUAL",
      requestedById: ctx.actor.userId,
      full: data.full,
    }),
  );
  await sendBookCheck(book.id, options.via);
  return run;
}
