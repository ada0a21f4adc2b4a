import { changedMemberResponse, changeMemberRoleBody } from "@/contracts/organizations";
import { orgContext } from "@/server/auth/org-context";
import { parseBody } from "@/server/http/handle-route";
import { jsonRoute, noContentRoute } from "@/server/http/json-route";
import { changeMemberRole } from "@/server/orgs/change-member-role";
import { removeMember } from "@/server/orgs/remove-member";

type Params = { params: Promise<{ memberId: string }> };

export const PATCH = jsonRoute({ response: changedMemberResponse }, async (request, { params }: Params) => {
  const ctx = await orgContext(request, "member:update_role");
  const { role } = await parseBody(request, changeMemberRoleBody);
  return { member: await changeMemberRole(ctx, { memberId: (await params).memberId, role }) };
});

export const DELETE = noContentRoute(async (request, { params }: Params) => {
  const ctx = await orgContext(request);
  await removeMember(ctx, { memberId: (await params).memberId });
});
