import { listAllOrganizations } from "@/server/admin/list-all-organizations";
import { userContext } from "@/server/auth/session";
import { handleRoute } from "@/server/http/handle-route";

export const GET = handleRoute(async (request) => {
  const params = new URL(request.url).searchParams;
  const page = { cursor: params.get("cursor"), limit: params.get("limit") };
  return Response.json(await listAllOrganizations(await userContext(request), page));
});
