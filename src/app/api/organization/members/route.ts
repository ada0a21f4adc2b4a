import { orgContext } from "@/server/auth/org-context";
import { handleRoute } from "@/server/http/handle-route";
import { listMembers } from "@/server/orgs/list-members";

export const GET = handleRoute(async (request) =>
  Response.json({ members: await listMembers(await orgContext(request)) }),
);
