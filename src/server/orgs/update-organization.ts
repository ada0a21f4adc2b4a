import "server-only";
import type { z } from "zod";
import { type renamedOrganizationResponse, updateOrganizationBody } from "@/contracts/organizations";
import { assertCan } from "@/server/auth/permissions";
import { recordActivity } from "@/server/activity/record-activity";
import { withEffectivePlan } from "@/server/billing/effective-plan";
import type { Ctx } from "@/server/context";

/** Renames the active organization (OWNER/ADMIN) and logs `org.updated` with the old and new names. */
export async function updateOrganization(
  ctx: Ctx,
  input: z.input<typeof updateOrganizationBody>,
): Promise<z.output<typeof renamedOrganizationResponse>["organization"]> {
  assertCan(ctx.actor, "org:update");
  const data = updateOrganizationBody.parse(input);
  const organization = await ctx.db.$transaction(async (tx) => {
    const before = await tx.organization.findUniqueOrThrow({ where: { id: ctx.actor.organizationId } });
    const organization = await tx.organization.update({
      where: { id: ctx.actor.organizationId },
      data: { name: data.name },
      select: { id: true, name: true, slug: true, plan: true, createdAt: true },
    });
    await recordActivity(tx, {
      action: "org.updated",
      resource: "organization",
      resourceId: organization.id,
      organizationId: organization.id,
      actorId: ctx.actor.userId,
      metadata: { name: { from: before.name, to: organization.name } },
      ...ctx.meta,
    });
    return withEffectivePlan(tx, organization);
  });
  return { ...organization, createdAt: organization.createdAt.toISOString() };
}
