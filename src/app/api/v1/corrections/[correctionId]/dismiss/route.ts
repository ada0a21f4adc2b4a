import { dismissCorrection } from "@/server/corrections/dismiss-correction";
import { apiRoute } from "@/server/public-api/api-route";
import { v1 } from "@/server/public-api/v1-operations";

export const POST = apiRoute(v1.dismissCorrection, async ({ ctx, params, body }) => ({
  correction: await dismissCorrection(ctx, params.correctionId, body),
}));
