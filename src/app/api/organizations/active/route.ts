import { switchOrganizationBody, switchOrganizationResponse } from "@/contracts/organizations";
import { userContext } from "@/server/auth/session";
import { parseBody } from "@/server/http/handle-route";
import { jsonRoute } from "@/server/http/json-route";
import { switchOrganization } from "@/server/orgs/switch-organization";

export const POST = jsonRoute({ response: switchOrganizationResponse }, async (request) => {
  const ctx = await userContext(request);
  const input = await parseBody(request, switchOrganizationBody);
  return { activeOrganization: await switchOrganization(ctx, input) };
});
