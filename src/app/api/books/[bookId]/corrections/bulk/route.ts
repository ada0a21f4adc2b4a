import { bulkCorrectionsInputSchema, bulkCorrectionsResultSchema } from "@/contracts/corrections";
import { orgContext } from "@/server/auth/org-context";
import { bulkCorrections } from "@/server/corrections/bulk-corrections";
import { parseBody } from "@/server/http/handle-route";
import { jsonRoute } from "@/server/http/json-route";

type Params = { params: Promise<{ bookId: string }> };

/** Apply or dismiss every open finding matching the filters, in one transaction (one revision for applies). */
export const POST = jsonRoute({ response: bulkCorrectionsResultSchema }, async (request, { params }: Params) => {
  const ctx = await orgContext(request, "correction:resolve");
  const input = await parseBody(request, bulkCorrectionsInputSchema);
  return bulkCorrections(ctx, (await params).bookId, input);
});
