import { checkRunView } from "@/server/corrections/correction-view";
import { getLatestCheck } from "@/server/corrections/get-latest-check";
import { startCheck } from "@/server/corrections/start-check";
import { apiRoute } from "@/server/public-api/api-route";
import { v1 } from "@/server/public-api/v1-operations";

export const GET = apiRoute(v1.getCheck, async ({ ctx, params }) => ({
  run: checkRunView(await getLatestCheck(ctx, params.bookId)),
}));

export const POST = apiRoute(v1.checkBook, async ({ ctx, params, body }) => ({
  run: checkRunView(await startCheck(ctx, params.bookId, body)),
}));
