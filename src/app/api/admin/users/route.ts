import { adminPageQuery } from "@/server/admin/assert-super-admin";
import { listAllUsers } from "@/server/admin/list-all-users";
import { userContext } from "@/server/auth/session";
import { handleRoute, parseQuery } from "@/server/http/handle-route";

export const GET = handleRoute(async (request) => {
  const ctx = await userContext(request);
  return Response.json(await listAllUsers(ctx, parseQuery(request, adminPageQuery)));
});
