import { planGrantResponse } from "@/contracts/admin";
import { endPlanGrant } from "@/server/admin/end-plan-grant";
import { userContext } from "@/server/auth/session";
import { jsonRoute } from "@/server/http/json-route";

type Params = { params: Promise<{ orgId: string; grantId: string }> };

// SUPER_ADMIN only: ends the grant early; the organization falls back to its paid plan or FREE at once.
export const POST = jsonRoute({ response: planGrantResponse }, async (request, { params }: Params) => {
  const ctx = await userContext(request);
  const { orgId, grantId } = await params;
  return { grant: await endPlanGrant(ctx, orgId, grantId) };
});
