import "server-only";
import { randomBytes } from "node:crypto";
import {
  type CreateOrganizationBody,
  createOrganizationBody,
  type Organization,
  slugify,
} from "@/contracts/organizations";
import { Prisma } from "@/generated/prisma/client";
import { recordActivity } from "@/server/activity/record-activity";
import { withEffectivePlan } from "@/server/billing/effective-plan";
import { reserveOrganizationCreation } from "@/server/billing/plans";
import type { UserCtx } from "@/server/context";
import { AppError } from "@/server/errors";
import { organizationView } from "./org-views";

/**
 * Creates an organization with the caller as its OWNER, makes it the session's active organization and
 * logs `org.created`, all in one transaction. A chosen slug that is taken is a 409; a derived one gets a suffix.
 * A user's second organization needs a plan with multipleOrganizations (402 PLAN_LIMIT_REACHED, see plans.ts).
 */
export async function createOrganization(
  ctx: UserCtx & { sessionId?: string },
  input: CreateOrganizationBody,
): Promise<Organization> {
  const data = createOrganizationBody.parse(input);
  const baseSlug = data.slug ?? slugify(data.name);
  for (let attempt = 0; attempt < 5; attempt++) {
    const slug = attempt === 0 ? baseSlug : `${baseSlug.slice(0, 40)}-${randomBytes(3).toString("hex")}`;
    try {
      const organization = await ctx.db.$transaction(async (tx) => {
        await reserveOrganizationCreation(tx, ctx.user.id);
        const organization = await tx.organization.create({
          data: { name: data.name, slug, createdById: ctx.user.id },
        });
        await tx.organizationMember.create({
          data: { organizationId: organization.id, userId: ctx.user.id, role: "OWNER" },
        });
        if (ctx.sessionId) {
          await tx.session.update({ where: { id: ctx.sessionId }, data: { activeOrganizationId: organization.id } });
        }
        await recordActivity(tx, {
          action: "org.created",
          resource: "organization",
          resourceId: organization.id,
          organizationId: organization.id,
          actorId: ctx.user.id,
          metadata: { name: organization.name, slug: organization.slug },
          ...ctx.meta,
        });
        // A new organization has no grant, but BILLING=off makes its effective plan ENTERPRISE.
        return withEffectivePlan(tx, organization);
      });
      return organizationView(organization);
    } catch (error) {
      const slugTaken = error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
      if (!slugTaken) throw error;
      if (data.slug) throw new AppError("SLUG_TAKEN", "This URL name is already taken", { field: "slug" });
    }
  }
  throw new AppError("SLUG_TAKEN", "Could not find a free URL name; choose one", { field: "slug" });
}
