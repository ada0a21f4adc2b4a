import { billingOverviewSchema } from "@/contracts/billing";
import { orgContext } from "@/server/auth/org-context";
import { getBillingOverview } from "@/server/billing/get-billing-overview";
import { jsonRoute } from "@/server/http/json-route";

export const GET = jsonRoute({ response: billingOverviewSchema }, async (request) =>
  getBillingOverview(await orgContext(request)),
);
