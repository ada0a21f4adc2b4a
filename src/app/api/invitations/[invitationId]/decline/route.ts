import { userContext } from "@/server/auth/session";
import { noContentRoute } from "@/server/http/json-route";
import { declineInvitation } from "@/server/orgs/respond-to-invitation";

type Params = { params: Promise<{ invitationId: string }> };

export const POST = noContentRoute(async (request, { params }: Params) => {
  await declineInvitation(await userContext(request), { invitationId: (await params).invitationId });
});
