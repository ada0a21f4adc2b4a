import { jobEnvelopeSchema } from "@/contracts/books";
import { orgContext } from "@/server/auth/org-context";
import { jsonRoute } from "@/server/http/json-route";
import { continueJob } from "@/server/generation/continue-job";

type Params = { params: Promise<{ bookId: string }> };

/** Continues a generation paused for the plan review (Book.reviewPlan). */
export const POST = jsonRoute({ response: jobEnvelopeSchema, status: 202 }, async (request, { params }: Params) => {
  const ctx = await orgContext(request);
  return { job: await continueJob(ctx, (await params).bookId) };
});
