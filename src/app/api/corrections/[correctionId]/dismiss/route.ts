import { correctionEnvelopeSchema, dismissCorrectionInputSchema } from "@/contracts/corrections";
import { orgContext } from "@/server/auth/org-context";
import { dismissCorrection } from "@/server/corrections/dismiss-correction";
import { parseBody } from "@/server/http/handle-route";
import { jsonRoute } from "@/server/http/json-route";

type Params = { params: Promise<{ correctionId: string }> };

/** Dismisses a finding (REJECTED, optional reason); later checks never reopen it. */
export const POST = jsonRoute({ response: correctionEnvelopeSchema }, async (request, { params }: Params) => {
  const ctx = await orgContext(request, "correction:resolve");
  const input = await parseBody(request, dismissCorrectionInputSchema);
  return { correction: await dismissCorrection(ctx, (await params).correctionId, input) };
});
