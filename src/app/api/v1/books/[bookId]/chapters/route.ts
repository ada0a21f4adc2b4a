import { listChapters } from "@/server/books/list-chapters";
import { apiRoute } from "@/server/public-api/api-route";
import { v1 } from "@/server/public-api/v1-operations";

export const GET = apiRoute(v1.listChapters, ({ ctx, params }) => listChapters(ctx, params.bookId));
