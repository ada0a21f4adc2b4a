import { userContext } from "@/server/auth/session";
import { handleRoute } from "@/server/http/handle-route";
import { acceptInvitation } from "@/server/orgs/respond-to-invitation";

type Params = { params: Promise<{ invitationId: string }> };

export const POST = handleRoute(async (request, { params }: Params) => {
  const ctx = await userContext(request);
  return Response.json({ organization: await acceptInvitation(ctx, { invitationId: (await params).invitationId }) });
});
