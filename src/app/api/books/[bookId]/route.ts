import { orgContext } from "@/server/auth/org-context";
import { deleteBook } from "@/server/books/delete-book";
import { getBook } from "@/server/books/get-book";
import { handleRoute, noContent } from "@/server/http/handle-route";

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
