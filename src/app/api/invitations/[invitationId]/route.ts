import { userContext } from "@/server/auth/session";
import { handleRoute } from "@/server/http/handle-route";
import { getMyInvitation } from "@/server/orgs/list-my-invitations";

type Params = { params: Promise<{ invitationId: string }> };

export const GET = handleRoute(async (request, { params }: Params) =>
  Response.json({ invitation: await getMyInvitation(await userContext(request), (await params).invitationId) }),
);
