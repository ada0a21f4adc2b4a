import { cancelledJobEnvelopeSchema } from "@/contracts/books";
import { bookContext } from "@/server/auth/book-context";
import { jsonRoute } from "@/server/http/json-route";
import { cancelJob } from "@/server/generation/cancel-job";

type Params = { params: Promise<{ bookId: string }> };

export const POST = jsonRoute(
  { response: cancelledJobEnvelopeSchema, status: 202 },
  async (request, { params }: Params) => {
    const ctx = await bookContext(request, (await params).bookId);
    return { job: await cancelJob(ctx, (await params).bookId) };
  },
);
