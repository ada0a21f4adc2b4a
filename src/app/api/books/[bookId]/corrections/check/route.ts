import { checkRunEnvelopeSchema, startCheckInputSchema } from "@/contracts/corrections";
import { bookContext } from "@/server/auth/book-context";
import { checkRunView } from "@/server/corrections/correction-view";
import { startCheck } from "@/server/corrections/start-check";
import { parseBody } from "@/server/http/handle-route";
import { jsonRoute } from "@/server/http/json-route";

type Params = { params: Promise<{ bookId: string }> };

/** "Check the book": queues a check (changed chapters, or every chapter with `full`); 202 with the run. */
export const POST = jsonRoute(
  { response: checkRunEnvelopeSchema, status: 202 },
  async (request, { params }: Params) => {
    const ctx = await bookContext(request, (await params).bookId, "correction:check");
    const input = await parseBody(request, startCheckInputSchema);
    return { run: checkRunView(await startCheck(ctx, (await params).bookId, input)) };
  },
);
