import { z } from "zod";
import { isoDate } from "./common";
import { orgRoles } from "./org-roles";

export { canManage, type OrgRole, orgRoles } from "./org-roles";
export { slugify } from "./slugify";

// Organizations, their members and invitations: the bodies of /api/organizations, /api/organization
// (itself, members, leave, invitations) and /api/invitations (the caller's own invitations).

export const orgRoleSchema = z.enum(orgRoles);

export const planSchema = z.enum(["FREE", "STARTER", "PRO", "ENTERPRISE"]);
export type Plan = z.infer<typeof planSchema>;

export const invitationStatusSchema = z.enum(["PENDING", "ACCEPTED", "DECLINED", "CANCELED", "EXPIRED"]);
export type InvitationStatus = z.infer<typeof invitationStatusSchema>;

// ── request bodies ──

/** An id taken from the path or a body (cuid today; bounded so junk never reaches the database). */
export const idSchema = z.string().trim().min(1).max(64);
export const organizationName = z.string().trim().min(2, "validation.length.min2").max(80, "validation.length.max80");
export const organizationSlug = z
  .string()
  .trim()
  .toLowerCase()
  .min(2, "validation.length.min2")
  .max(48, "validation.length.max48")
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "validation.org.slugFormat");

/** POST /api/organizations */
export const createOrganizationBody = z.object({ name: organizationName, slug: organizationSlug.optional() });
export type CreateOrganizationBody = z.input<typeof createOrganizationBody>;
/** POST /api/organizations/active */
export const switchOrganizationBody = z.object({ organizationId: idSchema });
/** PATCH /api/organization */
export const updateOrganizationBody = z.object({ name: organizationName });
/** DELETE /api/organization: the slug typed back as confirmation. */
export const deleteOrganizationBody = z.object({
  confirmSlug: z.string().trim().min(1, "validation.org.confirmSlug"),
});
/** PATCH /api/organization/members/:memberId */
export const changeMemberRoleBody = z.object({ role: orgRoleSchema });
/** POST /api/organization/invitations */
export const inviteMemberBody = z.object({
  email: z.string().trim().toLowerCase().email("validation.emailAddress.invalid").max(254),
  role: orgRoleSchema.default("MEMBER"),
});
export type InviteMemberBody = z.input<typeof inviteMemberBody>;

// ── responses ──

/** One of the caller's organizations with their role in it (GET /api/me, /api/organizations). */
export const myOrganizationSchema = z.object({
  id: z.string(),
  name: z.string(),
  slug: z.string(),
  plan: planSchema,
  role: orgRoleSchema,
});
export type MyOrganization = z.infer<typeof myOrganizationSchema>;

/** GET /api/organizations */
export const myOrganizationsResponse = z.object({ organizations: z.array(myOrganizationSchema) });
/** POST /api/organizations/active */
export const switchOrganizationResponse = z.object({ activeOrganization: myOrganizationSchema });

/** The active organization as its settings page shows it. */
export const organizationSchema = z.object({
  id: z.string(),
  name: z.string(),
  slug: z.string(),
  plan: planSchema,
  logo: z.string().nullable(),
  createdAt: isoDate,
});
export type Organization = z.infer<typeof organizationSchema>;

/** GET /api/organization */
export const organizationResponse = z.object({ organization: organizationSchema, role: orgRoleSchema });
/** PATCH /api/organization */
export const renamedOrganizationResponse = z.object({ organization: organizationSchema.omit({ logo: true }) });

/**
 * POST /api/organizations (201): the new organization, in the same shape as GET /api/organization (the raw
 * record with its engine settings and encrypted secret column is never sent).
 */
export const createdOrganizationResponse = z.object({ organization: organizationSchema });

export const memberSchema = z.object({
  id: z.string(),
  role: orgRoleSchema,
  createdAt: isoDate,
  user: z.object({ id: z.string(), name: z.string(), email: z.string(), image: z.string().nullable() }),
});
export type Member = z.infer<typeof memberSchema>;

/** GET /api/organization/members (owners first) */
export const membersResponse = z.object({ members: z.array(memberSchema) });
/** PATCH /api/organization/members/:memberId: the membership record after the change. */
export const changedMemberResponse = z.object({
  member: z.object({
    id: z.string(),
    organizationId: z.string(),
    userId: z.string(),
    role: orgRoleSchema,
    createdAt: isoDate,
    updatedAt: isoDate,
  }),
});
export type MemberRecord = z.infer<typeof changedMemberResponse>["member"];

const inviterSchema = z.object({ name: z.string(), email: z.string() }).nullable();

/** An invitation as its organization's managers see it. */
export const invitationSchema = z.object({
  id: z.string(),
  email: z.string(),
  role: orgRoleSchema,
  status: invitationStatusSchema,
  expiresAt: isoDate,
  createdAt: isoDate,
  inviter: inviterSchema,
});
export type Invitation = z.infer<typeof invitationSchema>;

/** GET /api/organization/invitations (pending first) */
export const invitationsResponse = z.object({ invitations: z.array(invitationSchema) });
/** POST /api/organization/invitations (201): the invitation record, created or renewed. */
export const sentInvitationResponse = z.object({
  invitation: z.object({
    id: z.string(),
    organizationId: z.string(),
    email: z.string(),
    role: orgRoleSchema,
    status: invitationStatusSchema,
    expiresAt: isoDate,
    inviterId: z.string().nullable(),
    respondedAt: isoDate.nullable(),
    createdAt: isoDate,
    updatedAt: isoDate,
  }),
});
export type InvitationRecord = z.infer<typeof sentInvitationResponse>["invitation"];

/** An invitation as the person it is addressed to sees it: with the inviting organization. */
export const myInvitationSchema = invitationSchema.extend({
  organization: z.object({ id: z.string(), name: z.string(), slug: z.string() }),
});
export type MyInvitation = z.infer<typeof myInvitationSchema>;

/** GET /api/invitations */
export const myInvitationsResponse = z.object({ invitations: z.array(myInvitationSchema) });
/** GET /api/invitations/:invitationId */
export const myInvitationResponse = z.object({ invitation: myInvitationSchema });
/** POST /api/invitations/:invitationId/accept: the organization just joined (now the active one). */
export const acceptedInvitationResponse = z.object({
  organization: z.object({ id: z.string(), name: z.string(), slug: z.string(), role: orgRoleSchema }),
});
