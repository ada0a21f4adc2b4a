import { retryJob } from "@/server/generation/retry-job";
import { apiRoute } from "@/server/public-api/api-route";
import { v1 } from "@/server/public-api/v1-operations";

export const POST = apiRoute(v1.retryJob, ({ ctx, params }) => retryJob(ctx, params.bookId));
