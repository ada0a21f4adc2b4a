import { myInvitationResponse } from "@/contracts/organizations";
import { userContext } from "@/server/auth/session";
import { jsonRoute } from "@/server/http/json-route";
import { getMyInvitation } from "@/server/orgs/list-my-invitations";

type Params = { params: Promise<{ invitationId: string }> };

export const GET = jsonRoute({ response: myInvitationResponse }, async (request, { params }: Params) => ({
  invitation: await getMyInvitation(await userContext(request), (await params).invitationId),
}));
