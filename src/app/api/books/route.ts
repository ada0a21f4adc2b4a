import { createBookInput, listBooksInput } from "@/contracts/book-inputs";
import { bookListSchema, bookWithJobSchema } from "@/contracts/books";
import { orgContext } from "@/server/auth/org-context";
import { createBook } from "@/server/books/create-book";
import { listBooks } from "@/server/books/list-books";
import { parseBody, parseQuery } from "@/server/http/handle-route";
import { jsonRoute } from "@/server/http/json-route";

export const GET = jsonRoute({ response: bookListSchema }, async (request) => {
  const ctx = await orgContext(request);
  return listBooks(ctx, parseQuery(request, listBooksInput));
});

export const POST = jsonRoute({ response: bookWithJobSchema, status: 201 }, async (request) => {
  const ctx = await orgContext(request, "book:create");
  const input = await parseBody(request, createBookInput);
  return createBook(ctx, input);
});
