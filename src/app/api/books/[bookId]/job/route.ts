import { jobEnvelopeSchema } from "@/contracts/books";
import { bookContext } from "@/server/auth/book-context";
import { jsonRoute } from "@/server/http/json-route";
import { getJob } from "@/server/generation/get-job";

type Params = { params: Promise<{ bookId: string }> };

export const GET = jsonRoute({ response: jobEnvelopeSchema }, async (request, { params }: Params) => {
  const ctx = await bookContext(request, (await params).bookId);
  return { job: await getJob(ctx, (await params).bookId) };
});
