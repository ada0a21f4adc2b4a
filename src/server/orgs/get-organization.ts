import "server-only";
import type { organizationResponse } from "@/contracts/organizations";
import type { z } from "zod";
import { assertCan, memberRole } from "@/server/auth/permissions";
import { withEffectivePlan } from "@/server/billing/effective-plan";
import type { Ctx } from "@/server/context";
import { notFound } from "@/server/errors";
import { organizationView } from "./org-views";

/** The active organization, as the caller sees it. */
export async function getOrganization(ctx: Ctx): Promise<z.output<typeof organizationResponse>> {
  assertCan(ctx.actor, "org:read");
  const organization = await ctx.db.organization.findUnique({
    where: { id: ctx.actor.organizationId },
    select: { id: true, name: true, slug: true, plan: true, logo: true, createdAt: true },
  });
  if (!organization) throw notFound("Organization");
  // The plan shown is the effective one (paid or granted, the higher), the one the gates apply.
  return { organization: organizationView(await withEffectivePlan(ctx.db, organization)), role: memberRole(ctx.actor) };
}
