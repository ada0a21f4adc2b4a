import { grantPlanInput, planGrantResponse } from "@/contracts/admin";
import { grantPlan } from "@/server/admin/grant-plan";
import { userContext } from "@/server/auth/session";
import { parseBody } from "@/server/http/handle-route";
import { jsonRoute } from "@/server/http/json-route";

type Params = { params: Promise<{ orgId: string }> };

// SUPER_ADMIN only: a complimentary plan for the organization (see src/server/admin/grant-plan.ts).
export const POST = jsonRoute({ response: planGrantResponse, status: 201 }, async (request, { params }: Params) => {
  const ctx = await userContext(request);
  const { orgId } = await params;
  return { grant: await grantPlan(ctx, orgId, await parseBody(request, grantPlanInput)) };
});
