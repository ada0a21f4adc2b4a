import { estimateGeneration, estimateOptionsFromEnv } from "@/server/books/estimate-generation";
import { apiRoute } from "@/server/public-api/api-route";
import { v1 } from "@/server/public-api/v1-operations";

export const GET = apiRoute(v1.estimateBook, ({ ctx, query }) =>
  estimateGeneration(ctx, query, estimateOptionsFromEnv()),
);
