/** Client-side views of the JSON API responses (see the API contract); no Prisma types in the UI. */
export type OrgRole = "OWNER" | "ADMIN" | "MEMBER" | "GUEST";
export type UserRole = "SUPER_ADMIN" | "ADMIN" | "USER";

export const orgRoles: readonly OrgRole[] = ["OWNER", "ADMIN", "MEMBER", "GUEST"];

export type MeUser = {
  id: string;
  name: string;
  email: string;
  role: UserRole;
  locale: string;
  emailVerified: boolean;
};
export type OrganizationSummary = { id: string; name: string; slug: string; role: OrgRole };
export type ActiveOrganization = OrganizationSummary & { plan: string };
export type Me = { user: MeUser; activeOrganization: ActiveOrganization | null; organizations: OrganizationSummary[] };

export type Organization = { id: string; name: string; slug: string; plan: string; createdAt: string };
export type Member = {
  id: string;
  role: OrgRole;
  createdAt: string;
  user: { id: string; name: string; email: string; image: string | null };
};
export type Invitation = {
  id: string;
  email: string;
  role: OrgRole;
  status: string;
  expiresAt: string;
  createdAt: string;
  inviter: { name: string; email: string } | null;
  organization?: { name: string; slug: string };
};
export type ActivityItem = {
  id: string;
  action: string;
  resource: string | null;
  resourceId: string | null;
  metadata: unknown;
  ipAddress: string | null;
  userAgent: string | null;
  createdAt: string;
  actor: { id: string; name: string; email: string } | null;
};
export type Page<T> = { items: T[]; nextCursor: string | null };
export type AdminOrganization = {
  id: string;
  name: string;
  slug: string;
  plan: string;
  createdAt: string;
  memberCount: number;
  bookCount: number;
};
export type AdminUser = {
  id: string;
  name: string;
  email: string;
  role: UserRole;
  emailVerified: boolean;
  createdAt: string;
  organizationCount: number;
};
export type OutboxEmail = {
  id: string;
  to: string;
  subject: string;
  text: string;
  html: string | null;
  createdAt: string;
};

/** Whether a role may manage the organization (rename, members, invitations, activity). */
export function canManage(role: OrgRole | null | undefined): boolean {
  return role === "OWNER" || role === "ADMIN";
}
