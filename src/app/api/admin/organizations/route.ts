import { adminOrganizationsPage, adminPageQuery } from "@/contracts/admin";
import { listAllOrganizations } from "@/server/admin/list-all-organizations";
import { userContext } from "@/server/auth/session";
import { parseQuery } from "@/server/http/handle-route";
import { jsonRoute } from "@/server/http/json-route";

export const GET = jsonRoute({ response: adminOrganizationsPage }, async (request) => {
  const ctx = await userContext(request);
  return listAllOrganizations(ctx, parseQuery(request, adminPageQuery));
});
