import { z } from "zod";
import { orgContext } from "@/server/auth/org-context";
import { handleRoute, noContent, parseBody } from "@/server/http/handle-route";
import { changeMemberRole } from "@/server/orgs/change-member-role";
import { orgRoleSchema } from "@/server/orgs/org-schemas";
import { removeMember } from "@/server/orgs/remove-member";

type Params = { params: Promise<{ memberId: string }> };

export const PATCH = handleRoute(async (request, { params }: Params) => {
  const ctx = await orgContext(request, "member:update_role");
  const { role } = await parseBody(request, z.object({ role: orgRoleSchema }));
  const member = await changeMemberRole(ctx, { memberId: (await params).memberId, role });
  return Response.json({ member });
});

export const DELETE = handleRoute(async (request, { params }: Params) => {
  const ctx = await orgContext(request);
  await removeMember(ctx, { memberId: (await params).memberId });
  return noContent();
});
