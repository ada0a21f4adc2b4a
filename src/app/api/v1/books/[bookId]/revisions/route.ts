import { listRevisions } from "@/server/books/list-revisions";
import { apiRoute } from "@/server/public-api/api-route";
import { v1 } from "@/server/public-api/v1-operations";

export const GET = apiRoute(v1.listRevisions, ({ ctx, params, query }) => listRevisions(ctx, params.bookId, query));
