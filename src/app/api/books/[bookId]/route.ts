import { updateBookInput } from "@/contracts/book-inputs";
import { bookUpdateResultSchema, readerBookSchema } from "@/contracts/books";
import { bookContext } from "@/server/auth/book-context";
import { deleteBook } from "@/server/books/delete-book";
import { bookAccessView } from "@/server/books/book-access-view";
import { getBook } from "@/server/books/get-book";
import { updateBook } from "@/server/books/update-book";
import { parseBody } from "@/server/http/handle-route";
import { jsonRoute, noContentRoute } from "@/server/http/json-route";

type Params = { params: Promise<{ bookId: string }> };

export const GET = jsonRoute({ response: readerBookSchema }, async (request, { params }: Params) => {
  const ctx = await bookContext(request, (await params).bookId);
  return { ...(await getBook(ctx, (await params).bookId)), access: bookAccessView(ctx.actor) };
});

export const DELETE = noContentRoute(async (request, { params }: Params) => {
  const ctx = await bookContext(request, (await params).bookId);
  await deleteBook(ctx, (await params).bookId);
});

/** Edit the metadata (title, topic, goal, audience, tone, language; optional expectedUpdatedAt). */
export const PATCH = jsonRoute({ response: bookUpdateResultSchema }, async (request, { params }: Params) => {
  const ctx = await bookContext(request, (await params).bookId, "book:update");
  const input = await parseBody(request, updateBookInput);
  return updateBook(ctx, (await params).bookId, input);
});
