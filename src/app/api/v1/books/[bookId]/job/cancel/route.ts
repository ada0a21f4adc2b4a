import { cancelJob } from "@/server/generation/cancel-job";
import { apiRoute } from "@/server/public-api/api-route";
import { v1 } from "@/server/public-api/v1-operations";

export const POST = apiRoute(v1.cancelJob, ({ ctx, params }) => cancelJob(ctx, params.bookId));
