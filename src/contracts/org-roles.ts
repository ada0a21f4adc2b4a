// Without Zod, so the pages that only test a role (dashboard, settings) do not load it; ./organizations
// builds its schemas from these values.

/** Every role in an organization, strongest first (the order of role pickers). */
export const orgRoles = ["OWNER", "ADMIN", "MEMBER", "GUEST"] as const;
export type OrgRole = (typeof orgRoles)[number];

/** Whether a role may manage the organization (rename, members, invitations, activity). */
export function canManage(role: OrgRole | null | undefined): boolean {
  return role === "OWNER" || role === "ADMIN";
}
