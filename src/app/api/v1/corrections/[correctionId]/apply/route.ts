import { applyCorrection } from "@/server/corrections/apply-correction";
import { apiRoute } from "@/server/public-api/api-route";
import { v1 } from "@/server/public-api/v1-operations";

export const POST = apiRoute(v1.applyCorrection, ({ ctx, params, body }) =>
  applyCorrection(ctx, params.correctionId, body),
);
