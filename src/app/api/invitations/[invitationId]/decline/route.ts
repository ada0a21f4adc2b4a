import { userContext } from "@/server/auth/session";
import { handleRoute, noContent } from "@/server/http/handle-route";
import { declineInvitation } from "@/server/orgs/respond-to-invitation";

type Params = { params: Promise<{ invitationId: string }> };

export const POST = handleRoute(async (request, { params }: Params) => {
  await declineInvitation(await userContext(request), { invitationId: (await params).invitationId });
  return noContent();
});
