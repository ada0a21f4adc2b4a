import { orgContext } from "@/server/auth/org-context";
import { createBookInput, listBooksInput } from "@/contracts/book-inputs";
import { createBook } from "@/server/books/create-book";
import { listBooks } from "@/server/books/list-books";
import { handleRoute, parseBody, parseQuery } from "@/server/http/handle-route";

export const GET = handleRoute(async (request) => {
  const ctx = await orgContext(request);
  return Response.json(await listBooks(ctx, parseQuery(request, listBooksInput)));
});

export const POST = handleRoute(async (request) => {
  const ctx = await orgContext(request, "book:create");
  const input = await parseBody(request, createBookInput);
  return Response.json(await createBook(ctx, input), { status: 201 });
});
