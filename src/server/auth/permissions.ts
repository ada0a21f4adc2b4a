import "server-only";
import type { CollaboratorRole, OrgRole } from "@/generated/prisma/enums";
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

// ───────────────────────────── a book's own roles (issue 16) ─────────────────────────────

/** The roles a person can hold on one shared book, lowest first. */
export const bookRoles = ["VIEWER", "COMMENTER", "EDITOR", "ADMIN"] as const satisfies readonly CollaboratorRole[];
export type BookRole = (typeof bookRoles)[number];

/** The actions a book role can grant: everything done on one book, nothing about the organization. */
export const bookActions = [
  "book:read",
  "book:update",
  "job:read",
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
] as const satisfies readonly OrgAction[];
export type BookAction = (typeof bookActions)[number];

const readers: BookRole[] = ["VIEWER", "COMMENTER", "EDITOR", "ADMIN"];
const commenters: BookRole[] = ["COMMENTER", "EDITOR", "ADMIN"];
const editors: BookRole[] = ["EDITOR", "ADMIN"];
const bookAdmins: BookRole[] = ["ADMIN"];

/**
 * The book matrix: which book roles may perform each action on that book. Actions behind a per-person
 * permission (below) are granted only while that permission is on.
 */
export const bookRolePermissions: Record<BookAction, readonly BookRole[]> = {
  "book:read": readers,
  "job:read": readers,
  "comment:read": readers,
  "collaborator:read": readers,
  "format:download": readers,
  "revision:read": readers,
  "correction:read": readers,
  "comment:create": commenters,
  "suggestion:create": commenters,
  "book:update": editors,
  "comment:resolve": editors,
  "correction:check": editors,
  "correction:resolve": editors,
  "revision:update": editors,
  "collaborator:manage": bookAdmins,
};

/** The per-person permissions shown in the share dialog, and the actions each one governs. */
export const bookPermissionActions = {
  download: ["format:download"],
  history: ["revision:read", "revision:update"],
  corrections: ["correction:read", "correction:check", "correction:resolve"],
} as const satisfies Record<string, readonly BookAction[]>;
export type BookPermission = keyof typeof bookPermissionActions;
export type BookPermissions = Record<BookPermission, boolean>;
export const bookPermissionNames = Object.keys(bookPermissionActions) as BookPermission[];

/** What each role gets when the share dialog leaves a permission alone. */
export const defaultBookPermissions: Record<BookRole, BookPermissions> = {
  VIEWER: { download: false, history: false, corrections: false },
  COMMENTER: { download: false, history: true, corrections: true },
  EDITOR: { download: true, history: true, corrections: true },
  ADMIN: { download: true, history: true, corrections: true },
};

/** A role's defaults with a person's stored overrides on top (unknown or malformed keys are ignored). */
export function resolveBookPermissions(role: BookRole, overrides: unknown): BookPermissions {
  const resolved = { ...defaultBookPermissions[role] };
  if (typeof overrides === "object" && overrides !== null) {
    for (const name of bookPermissionNames) {
      const value = (overrides as Record<string, unknown>)[name];
      if (typeof value === "boolean") resolved[name] = value;
    }
  }
  return resolved;
}

/** The book role an organization role amounts to on every book of the organization. */
export const bookRoleOfOrgRole: Record<OrgRole, BookRole> = {
  OWNER: "ADMIN",
  ADMIN: "ADMIN",
  MEMBER: "EDITOR",
  GUEST: "VIEWER",
};

/** The higher of two book roles (null: no role). */
export function higherBookRole(a: BookRole | null, b: BookRole | null): BookRole | null {
  if (a === null) return b;
  if (b === null) return a;
  return bookRoles.indexOf(a) >= bookRoles.indexOf(b) ? a : b;
}

function isBookAction(action: OrgAction): action is BookAction {
  return (bookActions as readonly OrgAction[]).includes(action);
}

/** True when this book role, with these permissions, allows the action on its book. */
export function bookRoleAllows(role: BookRole, permissions: BookPermissions, action: OrgAction): boolean {
  if (!isBookAction(action) || !bookRolePermissions[action].includes(role)) return false;
  for (const name of bookPermissionNames) {
    if ((bookPermissionActions[name] as readonly BookAction[]).includes(action)) return permissions[name];
  }
  return true;
}

/**
 * What an actor holds on the one book its request is about: its collaborator role (or ADMIN as the book's
 * creator) and that person's permissions. `confined` marks a person who reaches the organization only
 * through this book (not a member, or not in their active organization): every lookup refuses other books.
 */
export interface BookAccess {
  bookId: string;
  role: BookRole;
  permissions: BookPermissions;
  confined: boolean;
}

/**
 * The conditions that keep a book lookup to the books an actor may reach: its organization's, and only its
 * one book when it is a confined collaborator. Book lookups and lists of books go through it.
 */
export function bookScope(actor: Pick<Actor, "organizationId" | "book">): { organizationId: string; id?: string } {
  return actor.book?.confined
    ? { organizationId: actor.organizationId, id: actor.book.bookId }
    : { organizationId: actor.organizationId };
}

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
  /** Null for a person who is not a member: a collaborator confined to one book (`book.confined`). */
  orgRole: OrgRole | null;
  userRole: "SUPER_ADMIN" | "ADMIN" | "USER";
  via: "session" | "apiKey";
  scopes: readonly string[];
  /** The API key behind an `apiKey` actor (recorded on downloads); absent for sessions and jobs. */
  apiKeyId?: string | null;
  /** The actor's own role on the book of this request, if any (sessions on book routes only, never API keys). */
  book?: BookAccess;
}

/** True when the actor's scopes allow the action (sessions carry no scopes: only their role counts). */
export function scopesAllow(actor: Actor, action: OrgAction): boolean {
  if (actor.via !== "apiKey") return true;
  return actor.scopes.some((scope) =>
    (scopePermissions[scope as ApiScope] as readonly OrgAction[] | undefined)?.includes(action),
  );
}

/**
 * True when the actor's roles allow the action: the organization role, or the book role on the request's
 * book — the higher of the two, as each organization role amounts to a book role the book matrix never
 * exceeds (tested). A confined actor has no organization role, so nothing outside its book is ever allowed.
 */
function rolesAllow(actor: Actor, action: OrgAction): boolean {
  if (actor.orgRole !== null && rolePermissions[action].includes(actor.orgRole)) return true;
  // API keys stay organization-level: a key never acts through a book role.
  if (actor.book && actor.via === "session") return bookRoleAllows(actor.book.role, actor.book.permissions, action);
  return false;
}

/** True when the actor's role (and, for API keys, its scopes) allows the action. */
export function can(actor: Actor, action: OrgAction): boolean {
  return rolesAllow(actor, action) && scopesAllow(actor, action);
}

/** How an actor's role reads in an error message. */
function describeRole(actor: Actor): string {
  if (actor.orgRole && actor.book) return `${actor.orgRole}, ${actor.book.role} on this book`;
  return actor.orgRole ?? `${actor.book?.role ?? "no role"} on this book`;
}

/**
 * The single gate of every use case: throws 403 FORBIDDEN when the role may not perform the action, and
 * 403 INSUFFICIENT_SCOPE when the role may but the API key was not granted a scope that covers it.
 */
export function assertCan(actor: Actor, action: OrgAction): void {
  if (!rolesAllow(actor, action)) {
    throw new AppError("FORBIDDEN", `Your role (${describeRole(actor)}) does not allow ${action}`, {
      details: { action },
    });
  }
  if (!scopesAllow(actor, action)) {
    throw new AppError("INSUFFICIENT_SCOPE", `This API key has no scope that allows ${action}`, {
      details: { action },
    });
  }
}

/** The actor's organization role; 403 for a collaborator who is not a member (confined to one book). */
export function memberRole(actor: Actor): OrgRole {
  if (actor.orgRole === null) throw new AppError("FORBIDDEN", "You are not a member of this organization");
  return actor.orgRole;
}

/** Roles an actor may assign: admins manage members and guests, only owners create owners. */
export function assignableRoles(actorRole: OrgRole | null): OrgRole[] {
  if (actorRole === "OWNER") return ["OWNER", "ADMIN", "MEMBER", "GUEST"];
  if (actorRole === "ADMIN") return ["ADMIN", "MEMBER", "GUEST"];
  return [];
}
