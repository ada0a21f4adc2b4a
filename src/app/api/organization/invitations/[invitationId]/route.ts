import { orgContext } from "@/server/auth/org-context";
import { noContentRoute } from "@/server/http/json-route";
import { cancelInvitation } from "@/server/orgs/cancel-invitation";

type Params = { params: Promise<{ invitationId: string }> };

export const DELETE = noContentRoute(async (request, { params }: Params) => {
  await cancelInvitation(await orgContext(request), { invitationId: (await params).invitationId });
});
