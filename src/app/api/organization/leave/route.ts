import { orgContext } from "@/server/auth/org-context";
import { handleRoute, noContent } from "@/server/http/handle-route";
import { leaveOrganization } from "@/server/orgs/leave-organization";

export const POST = handleRoute(async (request) => {
  await leaveOrganization(await orgContext(request));
  return noContent();
});
