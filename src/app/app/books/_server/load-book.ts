import "server-only";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";
import type { ReaderBook } from "@/contracts/books";
import { type BookArea, bookPath } from "@/lib/book-paths";
import { bookContext } from "@/server/auth/book-context";
import { bookAccessView } from "@/server/books/book-access-view";
import { getBook } from "@/server/books/get-book";
import { AppError } from "@/server/errors";

/** The context of this request about one book, as its API routes build it; once per request. */
export const bookRequestContext = cache(async (bookId: string) => {
  const request = new Request(`http://internal.invalid/api/books/${encodeURIComponent(bookId)}`, {
    headers: await headers(),
  });
  return bookContext(request, bookId);
});

/**
 * The same data as GET /api/books/:id, read in-process for the first render (no loading flash; a book of
 * another organization (that the caller is not a collaborator on) or a deleted one is null, which the page
 * turns into its 404). Works without an organization, for the /shared pages of outside collaborators; `area`
 * is where sign-in comes back to. Cached per request: the page's title and its body read the book once.
 */
export const loadBook = cache(async (bookId: string, area: BookArea = "app"): Promise<ReaderBook | null> => {
  try {
    // getBook answers the wire shape (ISO dates), so the page hands it to the client component as is.
    const ctx = await bookRequestContext(bookId);
    return { ...(await getBook(ctx, bookId)), access: bookAccessView(ctx.actor) };
  } catch (error) {
    if (error instanceof AppError) {
      if (error.code === "UNAUTHENTICATED") redirect(`/sign-in?next=${encodeURIComponent(bookPath(area, bookId))}`);
      if (["NOT_FOUND", "FORBIDDEN", "NO_ACTIVE_ORGANIZATION", "VALIDATION_FAILED"].includes(error.code)) return null;
    }
    throw error;
  }
});
