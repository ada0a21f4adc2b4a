import { membersResponse } from "@/contracts/organizations";
import { orgContext } from "@/server/auth/org-context";
import { jsonRoute } from "@/server/http/json-route";
import { listMembers } from "@/server/orgs/list-members";

export const GET = jsonRoute({ response: membersResponse }, async (request) => ({
  members: await listMembers(await orgContext(request)),
}));
