import type { OrgRole } from "../../generated/prisma/enums";
import { AppError } from "../errors";

/** Every action a member, guest or API key can attempt inside an organization. */
export const orgActions = [
  "org:read",
  "org:update",
  "org:delete",
  "member:list",
  "member:invite",
  "member:update_role",
  "member:remove",
  "invitation:list",
  "invitation:cancel",
  "activity:read",
  "settings:update",
  "apikey:manage",
  "billing:read",
  "billing:manage",
  "usage:read",
  "book:read",
  "book:create",
  "book:update",
  "book:delete",
  "job:read",
  "job:cancel",
  "format:download",
] as const;
export type OrgAction = (typeof orgActions)[number];

const everyone: OrgRole[] = ["OWNER", "ADMIN", "MEMBER", "GUEST"];
const writers: OrgRole[] = ["OWNER", "ADMIN", "MEMBER"];
const managers: OrgRole[] = ["OWNER", "ADMIN"];
const owners: OrgRole[] = ["OWNER"];

/** The permission matrix: which organization roles may perform each action. The only source of truth. */
export const rolePermissions: Record<OrgAction, readonly OrgRole[]> = {
  "org:read": everyone,
  "org:update": managers,
  "org:delete": owners,
  "member:list": everyone,
  "member:invite": managers,
  "member:update_role": managers,
  "member:remove": managers,
  "invitation:list": managers,
  "invitation:cancel": managers,
  "activity:read": managers,
  "settings:update": managers,
  "apikey:manage": managers,
  "billing:read": managers,
  "billing:manage": owners,
  "usage:read": writers,
  "book:read": everyone,
  "book:create": writers,
  "book:update": writers,
  "book:delete": managers,
  "job:read": everyone,
  "job:cancel": writers,
  "format:download": everyone,
};

/** API-key scopes and the actions each one grants (a key can never exceed its creator's organization). */
export const scopePermissions = {
  "books:read": ["org:read", "book:read", "job:read", "format:download", "usage:read"],
  "books:write": ["book:create", "book:update", "book:delete", "job:cancel"],
} as const satisfies Record<string, readonly OrgAction[]>;
export type ApiScope = keyof typeof scopePermissions;

export interface Actor {
  userId: string | null;
  organizationId: string;
  orgRole: OrgRole;
  userRole: "SUPER_ADMIN" | "ADMIN" | "USER";
  via: "session" | "apiKey";
  scopes: readonly string[];
}

/** True when the actor's role (and, for API keys, its scopes) allows the action. */
export function can(actor: Actor, action: OrgAction): boolean {
  if (!rolePermissions[action].includes(actor.orgRole)) return false;
  if (actor.via === "apiKey") {
    return actor.scopes.some((scope) =>
      (scopePermissions[scope as ApiScope] as readonly OrgAction[] | undefined)?.includes(action),
    );
  }
  return true;
}

/** The single gate of every use case: throws 403 FORBIDDEN when the actor may not perform the action. */
export function assertCan(actor: Actor, action: OrgAction): void {
  if (!can(actor, action)) {
    throw new AppError("FORBIDDEN", `Your role (${actor.orgRole}) does not allow ${action}`, {
      details: { action },
    });
  }
}

/** Roles an actor may assign: admins manage members and guests, only owners create owners. */
export function assignableRoles(actorRole: OrgRole): OrgRole[] {
  if (actorRole === "OWNER") return ["OWNER", "ADMIN", "MEMBER", "GUEST"];
  if (actorRole === "ADMIN") return ["ADMIN", "MEMBER", "GUEST"];
  return [];
}
