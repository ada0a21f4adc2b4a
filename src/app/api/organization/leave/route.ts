import { orgContext } from "@/server/auth/org-context";
import { noContentRoute } from "@/server/http/json-route";
import { leaveOrganization } from "@/server/orgs/leave-organization";

export const POST = noContentRoute(async (request) => leaveOrganization(await orgContext(request)));
