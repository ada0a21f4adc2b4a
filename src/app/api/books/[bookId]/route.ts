import { updateBookInput } from "@/contracts/book-inputs";
import { bookDetailSchema, bookUpdateResultSchema } from "@/contracts/books";
import { orgContext } from "@/server/auth/org-context";
import { deleteBook } from "@/server/books/delete-book";
import { getBook } from "@/server/books/get-book";
import { updateBook } from "@/server/books/update-book";
import { parseBody } from "@/server/http/handle-route";
import { jsonRoute, noContentRoute } from "@/server/http/json-route";

type Params = { params: Promise<{ bookId: string }> };

export const GET = jsonRoute({ response: bookDetailSchema }, async (request, { params }: Params) => {
  const ctx = await orgContext(request);
  return getBook(ctx, (await params).bookId);
});

export const DELETE = noContentRoute(async (request, { params }: Params) => {
  const ctx = await orgContext(request);
  await deleteBook(ctx, (await params).bookId);
});

/** Edit the metadata (title, topic, goal, audience, tone, language; optional expectedUpdatedAt). */
export const PATCH = jsonRoute({ response: bookUpdateResultSchema }, async (request, { params }: Params) => {
  const ctx = await orgContext(request, "book:update");
  const input = await parseBody(request, updateBookInput);
  return updateBook(ctx, (await params).bookId, input);
});
