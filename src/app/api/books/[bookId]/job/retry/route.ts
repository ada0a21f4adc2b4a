import { jobEnvelopeSchema } from "@/contracts/books";
import { orgContext } from "@/server/auth/org-context";
import { jsonRoute } from "@/server/http/json-route";
import { retryJob } from "@/server/generation/retry-job";

type Params = { params: Promise<{ bookId: string }> };

export const POST = jsonRoute({ response: jobEnvelopeSchema, status: 202 }, async (request, { params }: Params) => {
  const ctx = await orgContext(request);
  return { job: await retryJob(ctx, (await params).bookId) };
});
