import { listActivity, listActivityInput } from "@/server/activity/list-activity";
import { orgContext } from "@/server/auth/org-context";
import { handleRoute, parseQuery } from "@/server/http/handle-route";

export const GET = handleRoute(async (request) => {
  const ctx = await orgContext(request);
  return Response.json(await listActivity(ctx, parseQuery(request, listActivityInput)));
});
