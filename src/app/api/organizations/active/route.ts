import { userContext } from "@/server/auth/session";
import { handleRoute, parseBody } from "@/server/http/handle-route";
import { switchOrganization, switchOrganizationInput } from "@/server/orgs/switch-organization";

export const POST = handleRoute(async (request) => {
  const ctx = await userContext(request);
  const input = await parseBody(request, switchOrganizationInput);
  return Response.json({ activeOrganization: await switchOrganization(ctx, input) });
});
