import { listAllUsers } from "@/server/admin/list-all-users";
import { userContext } from "@/server/auth/session";
import { handleRoute } from "@/server/http/handle-route";

export const GET = handleRoute(async (request) => {
  const params = new URL(request.url).searchParams;
  const page = { cursor: params.get("cursor"), limit: params.get("limit") };
  return Response.json(await listAllUsers(await userContext(request), page));
});
