import "server-only";
import type { Collaborator, SharedBook } from "@/contracts/collaborators";
import type { CollaboratorRole, CollaboratorStatus } from "@/generated/prisma/enums";
import { resolveBookPermissions } from "@/server/auth/permissions";

/** The collaborator columns and people every view reads. */
export const collaboratorSelect = {
  id: true,
  bookId: true,
  userId: true,
  email: true,
  role: true,
  permissions: true,
  status: true,
  expiresAt: true,
  createdAt: true,
  user: { select: { name: true } },
  invitedBy: { select: { name: true } },
} as const;

interface CollaboratorRow {
  id: string;
  email: string;
  role: CollaboratorRole;
  permissions: unknown;
  status: CollaboratorStatus;
  expiresAt: Date | null;
  createdAt: Date;
  user: { name: string } | null;
  invitedBy: { name: string } | null;
}

/** A collaborator as the share dialog and API v1 show it: permissions resolved from role and overrides. */
export function collaboratorView(row: CollaboratorRow): Collaborator {
  return {
    id: row.id,
    email: row.email,
    name: row.user?.name ?? null,
    role: row.role,
    permissions: resolveBookPermissions(row.role, row.permissions),
    status: row.status,
    expiresAt: row.status === "ACTIVE" ? null : (row.expiresAt?.toISOString() ?? null),
    invitedBy: row.invitedBy?.name ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}

/** A book on the "Shared with me" shelf (or an invitation to one). */
export function sharedBookView(
  row: CollaboratorRow & { bookId: string; book: { title: string; organization: { name: string } } },
): SharedBook {
  return {
    collaboratorId: row.id,
    bookId: row.bookId,
    title: row.book.title,
    organizationName: row.book.organization.name,
    role: row.role,
    status: row.status,
    invitedBy: row.invitedBy?.name ?? null,
    expiresAt: row.status === "ACTIVE" ? null : (row.expiresAt?.toISOString() ?? null),
  };
}
