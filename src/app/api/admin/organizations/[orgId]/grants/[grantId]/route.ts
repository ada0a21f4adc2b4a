import { planGrantResponse, updatePlanGrantInput } from "@/contracts/admin";
import { updatePlanGrant } from "@/server/admin/update-plan-grant";
import { userContext } from "@/server/auth/session";
import { parseBody } from "@/server/http/handle-route";
import { jsonRoute } from "@/server/http/json-route";

type Params = { params: Promise<{ orgId: string; grantId: string }> };

// SUPER_ADMIN only: changes an active grant's plan, reason or end date (see src/server/admin/update-plan-grant.ts).
export const PATCH = jsonRoute({ response: planGrantResponse }, async (request, { params }: Params) => {
  const ctx = await userContext(request);
  const { orgId, grantId } = await params;
  return { grant: await updatePlanGrant(ctx, orgId, grantId, await parseBody(request, updatePlanGrantInput)) };
});
