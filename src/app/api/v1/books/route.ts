import { createBook } from "@/server/books/create-book";
import { listBooks } from "@/server/books/list-books";
import { apiRoute } from "@/server/public-api/api-route";
import { v1 } from "@/server/public-api/v1-operations";

export const GET = apiRoute(v1.listBooks, ({ ctx, query }) => listBooks(ctx, query));

export const POST = apiRoute(v1.createBook, ({ ctx, body }) => createBook(ctx, body));
