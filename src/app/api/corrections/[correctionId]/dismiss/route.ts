import { correctionEnvelopeSchema, dismissCorrectionInputSchema } from "@/contracts/corrections";
import { correctionContext } from "@/server/auth/book-context";
import { dismissCorrection } from "@/server/corrections/dismiss-correction";
import { parseBody } from "@/server/http/handle-route";
import { jsonRoute } from "@/server/http/json-route";

type Params = { params: Promise<{ correctionId: string }> };

/** Dismisses a finding (REJECTED, optional reason); later checks never reopen it. */
export const POST = jsonRoute({ response: correctionEnvelopeSchema }, async (request, { params }: Params) => {
  const ctx = await correctionContext(request, (await params).correctionId, "correction:resolve");
  const input = await parseBody(request, dismissCorrectionInputSchema);
  return { correction: await dismissCorrection(ctx, (await params).correctionId, input) };
});
