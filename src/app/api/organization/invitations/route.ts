import { orgContext } from "@/server/auth/org-context";
import { handleRoute, parseBody } from "@/server/http/handle-route";
import { inviteMember, inviteMemberInput } from "@/server/orgs/invite-member";
import { listInvitations } from "@/server/orgs/list-invitations";

export const GET = handleRoute(async (request) =>
  Response.json({ invitations: await listInvitations(await orgContext(request)) }),
);

export const POST = handleRoute(async (request) => {
  const ctx = await orgContext(request, "member:invite");
  const invitation = await inviteMember(ctx, await parseBody(request, inviteMemberInput));
  return Response.json({ invitation }, { status: 201 });
});
