import { adminPageQuery, adminUsersPage } from "@/contracts/admin";
import { listAllUsers } from "@/server/admin/list-all-users";
import { userContext } from "@/server/auth/session";
import { parseQuery } from "@/server/http/handle-route";
import { jsonRoute } from "@/server/http/json-route";

export const GET = jsonRoute({ response: adminUsersPage }, async (request) => {
  const ctx = await userContext(request);
  return listAllUsers(ctx, parseQuery(request, adminPageQuery));
});
