import { listCorrections } from "@/server/corrections/list-corrections";
import { apiRoute } from "@/server/public-api/api-route";
import { v1 } from "@/server/public-api/v1-operations";

export const GET = apiRoute(v1.listCorrections, ({ ctx, params, query }) => listCorrections(ctx, params.bookId, query));
