import { usageHistoryQuery, usageHistorySchema } from "@/contracts/billing";
import { orgContext } from "@/server/auth/org-context";
import { getUsageHistory } from "@/server/billing/get-usage-history";
import { parseQuery } from "@/server/http/handle-route";
import { jsonRoute } from "@/server/http/json-route";

export const GET = jsonRoute({ response: usageHistorySchema }, async (request) => {
  const ctx = await orgContext(request);
  return getUsageHistory(ctx, parseQuery(request, usageHistoryQuery));
});
