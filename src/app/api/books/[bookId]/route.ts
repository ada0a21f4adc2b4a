import { orgContext } from "@/server/auth/org-context";
import { deleteBook } from "@/server/books/delete-book";
import { getBook } from "@/server/books/get-book";
import { updateBookInput } from "@/contracts/book-inputs";
import { updateBook } from "@/server/books/update-book";
import { handleRoute, noContent, parseBody } from "@/server/http/handle-route";

type Params = { params: Promise<{ bookId: string }> };

export const GET = handleRoute(async (request, { params }: Params) => {
  const ctx = await orgContext(request);
  return Response.json(await getBook(ctx, (await params).bookId));
});

export const DELETE = handleRoute(async (request, { params }: Params) => {
  const ctx = await orgContext(request);
  await deleteBook(ctx, (await params).bookId);
  return noContent();
});

/** Edit the metadata (title, topic, goal, audience, tone, language; optional expectedUpdatedAt). */
export const PATCH = handleRoute(async (request, { params }: Params) => {
  const ctx = await orgContext(request, "book:update");
  const input = await parseBody(request, updateBookInput);
  return Response.json(await updateBook(ctx, (await params).bookId, input));
});
