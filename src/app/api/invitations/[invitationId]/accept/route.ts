import { acceptedInvitationResponse } from "@/contracts/organizations";
import { userContext } from "@/server/auth/session";
import { jsonRoute } from "@/server/http/json-route";
import { acceptInvitation } from "@/server/orgs/respond-to-invitation";

type Params = { params: Promise<{ invitationId: string }> };

export const POST = jsonRoute({ response: acceptedInvitationResponse }, async (request, { params }: Params) => {
  const ctx = await userContext(request);
  return { organization: await acceptInvitation(ctx, { invitationId: (await params).invitationId }) };
});
