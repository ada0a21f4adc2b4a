import { z } from "zod";
import { isoDate, pageOf } from "./common";
import { userRoleSchema } from "./me";
import { planSchema } from "./organizations";

/** The raw page parameters of the platform console's lists (read leniently: a bad limit falls back to 50). */
export const adminPageQuery = z.object({ cursor: z.string().optional(), limit: z.string().optional() });

/** A complimentary plan granted by a platform admin, with who granted it and when. */
export const planGrantSchema = z.object({
  id: z.string(),
  organizationId: z.string(),
  plan: planSchema,
  reason: z.string(),
  startsAt: isoDate,
  endsAt: isoDate.nullable(),
  endedAt: isoDate.nullable(),
  grantedBy: z.object({ id: z.string(), name: z.string() }).nullable(),
  createdAt: isoDate,
});
export type PlanGrant = z.infer<typeof planGrantSchema>;

export const adminOrganizationSchema = z.object({
  id: z.string(),
  name: z.string(),
  slug: z.string(),
  /** The effective plan: the higher of the paid plan and the active grant's. */
  plan: planSchema,
  /** The paid (or FREE) plan alone. */
  paidPlan: planSchema,
  /** The active grant, if any. */
  grant: planGrantSchema.nullable(),
  createdAt: isoDate,
  memberCount: z.number().int(),
  bookCount: z.number().int(),
});
export type AdminOrganization = z.infer<typeof adminOrganizationSchema>;
/** GET /api/admin/organizations */
export const adminOrganizationsPage = pageOf(adminOrganizationSchema);

export const adminUserSchema = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string(),
  role: userRoleSchema,
  emailVerified: z.boolean(),
  createdAt: isoDate,
  organizationCount: z.number().int(),
});
export type AdminUser = z.infer<typeof adminUserSchema>;
/** GET /api/admin/users */
export const adminUsersPage = pageOf(adminUserSchema);

/** POST /api/admin/organizations/[orgId]/grants: a complimentary plan, why, and until when (omitted/null = no end). */
export const grantPlanInput = z.object({
  plan: planSchema,
  reason: z.string().trim().min(1, "validation.planGrant.reasonRequired").max(500, "validation.length.max500"),
  endsAt: z.iso.datetime({ offset: true }).nullish(),
});
export type GrantPlanInput = z.input<typeof grantPlanInput>;

/**
 * PATCH /api/admin/organizations/[orgId]/grants/[grantId]: changes an active grant's plan, reason or end
 * date (endsAt null = no end); at least one of them.
 */
export const updatePlanGrantInput = grantPlanInput
  .partial()
  .refine((input) => input.plan !== undefined || input.reason !== undefined || input.endsAt !== undefined, {
    message: "validation.planGrant.nothingToChange",
  });
export type UpdatePlanGrantInput = z.input<typeof updatePlanGrantInput>;

/** The answer of the grant, edit-grant and end-grant routes. */
export const planGrantResponse = z.object({ grant: planGrantSchema });
