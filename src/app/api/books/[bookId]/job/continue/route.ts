import { continueJobInput } from "@/contracts/book-inputs";
import { jobEnvelopeSchema } from "@/contracts/books";
import { bookContext } from "@/server/auth/book-context";
import { parseBody } from "@/server/http/handle-route";
import { jsonRoute } from "@/server/http/json-route";
import { continueJob } from "@/server/generation/continue-job";

type Params = { params: Promise<{ bookId: string }> };

/** Continues a generation paused for the plan review (Book.reviewPlan); the permission is checked before the body. */
export const POST = jsonRoute({ response: jobEnvelopeSchema, status: 202 }, async (request, { params }: Params) => {
  const ctx = await bookContext(request, (await params).bookId, "book:update");
  await parseBody(request, continueJobInput);
  return { job: await continueJob(ctx, (await params).bookId) };
});
