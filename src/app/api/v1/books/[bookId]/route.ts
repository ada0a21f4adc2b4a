import { deleteBook } from "@/server/books/delete-book";
import { getBook } from "@/server/books/get-book";
import { updateBook } from "@/server/books/update-book";
import { apiRoute } from "@/server/public-api/api-route";
import { v1 } from "@/server/public-api/v1-operations";

export const GET = apiRoute(v1.getBook, ({ ctx, params }) => getBook(ctx, params.bookId));

export const DELETE = apiRoute(v1.deleteBook, ({ ctx, params }) => deleteBook(ctx, params.bookId));

export const PATCH = apiRoute(v1.updateBook, ({ ctx, params, body }) => updateBook(ctx, params.bookId, body));
