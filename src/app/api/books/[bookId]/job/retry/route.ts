import { jobEnvelopeSchema } from "@/contracts/books";
import { bookContext } from "@/server/auth/book-context";
import { jsonRoute } from "@/server/http/json-route";
import { retryJob } from "@/server/generation/retry-job";

type Params = { params: Promise<{ bookId: string }> };

export const POST = jsonRoute({ response: jobEnvelopeSchema, status: 202 }, async (request, { params }: Params) => {
  const ctx = await bookContext(request, (await params).bookId);
  return { job: await retryJob(ctx, (await params).bookId) };
});
