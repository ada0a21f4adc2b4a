import { bulkCorrectionsInputSchema, bulkCorrectionsResultSchema } from "@/contracts/corrections";
import { bookContext } from "@/server/auth/book-context";
import { bulkCorrections } from "@/server/corrections/bulk-corrections";
import { parseBody } from "@/server/http/handle-route";
import { jsonRoute } from "@/server/http/json-route";

type Params = { params: Promise<{ bookId: string }> };

/** Apply or dismiss every open finding matching the filters, in one transaction (one revision for applies). */
export const POST = jsonRoute({ response: bulkCorrectionsResultSchema }, async (request, { params }: Params) => {
  const ctx = await bookContext(request, (await params).bookId, "correction:resolve");
  const input = await parseBody(request, bulkCorrectionsInputSchema);
  return bulkCorrections(ctx, (await params).bookId, input);
});
