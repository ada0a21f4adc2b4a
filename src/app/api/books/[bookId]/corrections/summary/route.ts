import { correctionsOverviewSchema } from "@/contracts/corrections";
import { orgContext } from "@/server/auth/org-context";
import { getCorrectionsOverview } from "@/server/corrections/get-corrections-overview";
import { jsonRoute } from "@/server/http/json-route";

type Params = { params: Promise<{ bookId: string }> };

/** The latest check run, the open findings by severity and type, and the variant the book is checked in. */
export const GET = jsonRoute({ response: correctionsOverviewSchema }, async (request, { params }: Params) => {
  const ctx = await orgContext(request);
  return getCorrectionsOverview(ctx, (await params).bookId);
});
