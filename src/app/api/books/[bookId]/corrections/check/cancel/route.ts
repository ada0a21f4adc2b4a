import { checkRunEnvelopeSchema } from "@/contracts/corrections";
import { bookContext } from "@/server/auth/book-context";
import { cancelCheck } from "@/server/corrections/cancel-check";
import { checkRunView } from "@/server/corrections/correction-view";
import { jsonRoute } from "@/server/http/json-route";

type Params = { params: Promise<{ bookId: string }> };

/** Cancels the book's pending or running check (findings already stored stay). */
export const POST = jsonRoute({ response: checkRunEnvelopeSchema }, async (request, { params }: Params) => {
  const ctx = await bookContext(request, (await params).bookId, "correction:check");
  return { run: checkRunView(await cancelCheck(ctx, (await params).bookId)) };
});
