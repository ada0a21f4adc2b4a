import { applyCorrectionInputSchema, applyCorrectionResultSchema } from "@/contracts/corrections";
import { correctionContext } from "@/server/auth/book-context";
import { applyCorrection } from "@/server/corrections/apply-correction";
import { parseBody } from "@/server/http/handle-route";
import { jsonRoute } from "@/server/http/json-route";

type Params = { params: Promise<{ correctionId: string }> };

/** Applies one suggestion of a finding; 409 CORRECTION_STALE when its text has changed since the check. */
export const POST = jsonRoute({ response: applyCorrectionResultSchema }, async (request, { params }: Params) => {
  const ctx = await correctionContext(request, (await params).correctionId, "correction:resolve");
  const input = await parseBody(request, applyCorrectionInputSchema);
  return applyCorrection(ctx, (await params).correctionId, input);
});
