import { adminPageQuery } from "@/server/admin/assert-super-admin";
import { listAllOrganizations } from "@/server/admin/list-all-organizations";
import { userContext } from "@/server/auth/session";
import { handleRoute, parseQuery } from "@/server/http/handle-route";

export const GET = handleRoute(async (request) => {
  const ctx = await userContext(request);
  return Response.json(await listAllOrganizations(ctx, parseQuery(request, adminPageQuery)));
});
