import "server-only";
import { z } from "zod";
import { idSchema, type MyOrganization } from "@/contracts/organizations";
import { withEffectivePlan } from "@/server/billing/effective-plan";
import type { UserCtx } from "@/server/context";
import { notFound } from "@/server/errors";

export const switchOrganizationInput = z.object({ organizationId: idSchema });

/** Makes one of the caller's organizations the active one on their session (404 if not a member). */
export async function switchOrganization(
  ctx: UserCtx & { sessionId: string },
  input: z.input<typeof switchOrganizationInput>,
): Promise<MyOrganization> {
  const { organizationId } = switchOrganizationInput.parse(input);
  const membership = await ctx.db.organizationMember.findUnique({
    where: { organizationId_userId: { organizationId, userId: ctx.user.id } },
    include: { organization: { select: { id: true, name: true, slug: true, plan: true } } },
  });
  if (!membership) throw notFound("Organization");
  await ctx.db.session.update({ where: { id: ctx.sessionId }, data: { activeOrganizationId: organizationId } });
  // The effective plan (paid or granted, the higher), as the organization list shows it.
  return { ...(await withEffectivePlan(ctx.db, membership.organization)), role: membership.role };
}
