import { createBook } from "@/server/books/create-book";
import { listBooks } from "@/server/books/list-books";
import { apiRoute } from "@/server/public-api/api-route";
import { apiSql } from "@/server/public-api/api-sql";
import { v1 } from "@/server/public-api/v1-operations";

// The list is read through the API's pg pool (see listBooks' RowReader): the most frequent v1 call.
export const GET = apiRoute(v1.listBooks, ({ ctx, query }) => listBooks(ctx, query, apiSql()));

export const POST = apiRoute(v1.createBook, ({ ctx, body }) => createBook(ctx, body));
