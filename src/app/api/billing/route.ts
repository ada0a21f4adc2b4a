import { orgContext } from "@/server/auth/org-context";
import { getBillingOverview } from "@/server/billing/get-billing-overview";
import { handleRoute } from "@/server/http/handle-route";

export const GET = handleRoute(async (request) => Response.json(await getBillingOverview(await orgContext(request))));
