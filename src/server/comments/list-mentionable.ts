import "server-only";
import type { MentionableList } from "@/contracts/comments";
import { assertCan } from "@/server/auth/permissions";
import { findBook } from "@/server/books/find-book";
import type { Ctx } from "@/server/context";
import { bookAudience } from "./book-audience";

/** The people the comment box may @mention on this book (comment:create: only commenters need the list). */
export async function listMentionable(ctx: Ctx, bookId: string): Promise<MentionableList> {
  assertCan(ctx.actor, "comment:create");
  const book = await findBook(ctx.db, ctx.actor, bookId);
  return { items: await bookAudience(ctx.db, book) };
}
