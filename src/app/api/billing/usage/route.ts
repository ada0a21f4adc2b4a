import { orgContext } from "@/server/auth/org-context";
import { getUsageHistory, usageHistoryInput } from "@/server/billing/get-usage-history";
import { handleRoute, parseQuery } from "@/server/http/handle-route";

export const GET = handleRoute(async (request) => {
  const ctx = await orgContext(request);
  return Response.json(await getUsageHistory(ctx, parseQuery(request, usageHistoryInput)));
});
