import { continueJob } from "@/server/generation/continue-job";
import { apiRoute } from "@/server/public-api/api-route";
import { v1 } from "@/server/public-api/v1-operations";

export const POST = apiRoute(v1.continueJob, ({ ctx, params }) => continueJob(ctx, params.bookId));
