import { orgContext } from "@/server/auth/org-context";
import { handleRoute, noContent } from "@/server/http/handle-route";
import { cancelInvitation } from "@/server/orgs/cancel-invitation";

type Params = { params: Promise<{ invitationId: string }> };

export const DELETE = handleRoute(async (request, { params }: Params) => {
  await cancelInvitation(await orgContext(request), { invitationId: (await params).invitationId });
  return noContent();
});
