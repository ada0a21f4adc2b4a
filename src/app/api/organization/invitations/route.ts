import { invitationsResponse, inviteMemberBody, sentInvitationResponse } from "@/contracts/organizations";
import { orgContext } from "@/server/auth/org-context";
import { parseBody } from "@/server/http/handle-route";
import { jsonRoute } from "@/server/http/json-route";
import { inviteMember } from "@/server/orgs/invite-member";
import { listInvitations } from "@/server/orgs/list-invitations";

export const GET = jsonRoute({ response: invitationsResponse }, async (request) => ({
  invitations: await listInvitations(await orgContext(request)),
}));

export const POST = jsonRoute({ response: sentInvitationResponse, status: 201 }, async (request) => {
  const ctx = await orgContext(request, "member:invite");
  return { invitation: await inviteMember(ctx, await parseBody(request, inviteMemberBody)) };
});
