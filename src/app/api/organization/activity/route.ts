import { activityPage, listActivityQuery } from "@/contracts/activity";
import { listActivity } from "@/server/activity/list-activity";
import { orgContext } from "@/server/auth/org-context";
import { parseQuery } from "@/server/http/handle-route";
import { jsonRoute } from "@/server/http/json-route";

export const GET = jsonRoute({ response: activityPage }, async (request) => {
  const ctx = await orgContext(request);
  return listActivity(ctx, parseQuery(request, listActivityQuery));
});
