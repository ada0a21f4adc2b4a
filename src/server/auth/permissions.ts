import "server-only";
import type { OrgRole } from "@/generated/prisma/enums";
import { AppError } from "@/server/errors";

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
  "correction:read",
  "correction:check",
  "correction:resolve",
  "collaborator:read",
  "collaborator:manage",
  "comment:read",
  "comment:create",
  "comment:resolve",
  "suggestion:create",
  "revision:read",
  "revision:update",
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
  // Everyone reads the findings; writers run checks and resolve findings, including "Add to dictionary"
  // (the organization's dictionary is a writing aid, not a setting).
  "correction:read": everyone,
  "correction:check": writers,
  "correction:resolve": writers,
  // Book review (issue 16). Inside the organization: everyone sees who a book is shared with, its
  // comments and its history; managers share books; writers comment, suggest, resolve threads, name
  // versions and restore chapters. A book's own collaborators get these through their book role.
  "collaborator:read": everyone,
  "collaborator:manage": managers,
  "comment:read": everyone,
  "comment:create": writers,
  "comment:resolve": writers,
  "suggestion:create": writers,
  "revision:read": everyone,
  "revision:update": writers,
};

/** API-key scopes and the actions each one grants (a key can never exceed its creator's organization). */
export const scopePermissions = {
  "books:read": [
    "org:read",
    "book:read",
    "job:read",
    "format:download",
    "usage:read",
    "correction:read",
    "collaborator:read",
    "comment:read",
    "revision:read",
  ],
  "books:write": ["book:create", "book:update", "book:delete", "job:cancel", "correction:check", "correction:resolve"],
} as const satisfies Record<string, readonly OrgAction[]>;
export type ApiScope = keyof typeof scopePermissions;

export interface Actor {
  userId: string | null;
  organizationId: string;
  orgRole: OrgRole;
  userRole: "SUPER_ADMIN" | "ADMIN" | "USER";
  via: "session" | "apiKey";
  scopes: readonly string[];
  /** The API key behind an `apiKey` actor (recorded on downloads); absent for sessions and jobs. */
  apiKeyId?: string | null;
}

/** True when the actor's scopes allow the action (sessions carry no scopes: only their role counts). */
export function scopesAllow(actor: Actor, action: OrgAction): boolean {
  if (actor.via !== "apiKey") return true;
  return actor.scopes.some((scope) =>
    (scopePermissions[scope as ApiScope] as readonly OrgAction[] | undefined)?.includes(action),
  );
}

/** True when the actor's role (and, for API keys, its scopes) allows the action. */
export function can(actor: Actor, action: OrgAction): boolean {
  return rolePermissions[action].includes(actor.orgRole) && scopesAllow(actor, action);
}

/**
 * The single gate of every use case: throws 403 FORBIDDEN when the role may not perform the action, and
 * 403 INSUFFICIENT_SCOPE when the role may but the API key was not granted a scope that covers it.
 */
export function assertCan(actor: Actor, action: OrgAction): void {
  if (!rolePermissions[action].includes(actor.orgRole)) {
    throw new AppError("FORBIDDEN", `Your role (${actor.orgRole}) does not allow ${action}`, {
      details: { action },
    });
  }
  if (!scopesAllow(actor, action)) {
    throw new AppError("INSUFFICIENT_SCOPE", `This API key has no scope that allows ${action}`, {
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
