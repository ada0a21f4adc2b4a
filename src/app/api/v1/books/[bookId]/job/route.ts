import { getJob } from "@/server/generation/get-job";
import { apiRoute } from "@/server/public-api/api-route";
import { v1 } from "@/server/public-api/v1-operations";

export const GET = apiRoute(v1.getJob, ({ ctx, params }) => getJob(ctx, params.bookId));
