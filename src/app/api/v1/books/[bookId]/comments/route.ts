import { listComments } from "@/server/comments/list-comments";
import { apiRoute } from "@/server/public-api/api-route";
import { v1 } from "@/server/public-api/v1-operations";

export const GET = apiRoute(v1.listComments, ({ ctx, params, query }) => listComments(ctx, params.bookId, query));
