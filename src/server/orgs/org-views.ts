import "server-only";
import type {
  Invitation,
  InvitationRecord,
  InvitationStatus,
  Member,
  MemberRecord,
  MyInvitation,
  Organization,
  OrgRole,
  Plan,
} from "@/contracts/organizations";

// Wire shapes of the organization domain (src/contracts/organizations.ts): Dates become ISO text here, so
// a route or a server component hands the result on as is.

type Row = { id: string; createdAt: Date };

/** The columns an invitation list reads (invitationView's input). */
export const invitationSelect = {
  id: true,
  email: true,
  role: true,
  status: true,
  expiresAt: true,
  createdAt: true,
  inviter: { select: { name: true, email: true } },
} as const;

/** The active organization as its settings page shows it; `plan` is the effective one (withEffectivePlan). */
export function organizationView(
  o: Row & { name: string; slug: string; plan: Plan; logo: string | null },
): Organization {
  return { id: o.id, name: o.name, slug: o.slug, plan: o.plan, logo: o.logo, createdAt: o.createdAt.toISOString() };
}

export function memberView(m: Row & { role: OrgRole; user: Member["user"] }): Member {
  return { id: m.id, role: m.role, createdAt: m.createdAt.toISOString(), user: m.user };
}

/** A membership record (after a role change). */
export function memberRecordView(
  m: Row & { organizationId: string; userId: string; role: OrgRole; updatedAt: Date },
): MemberRecord {
  return {
    id: m.id,
    organizationId: m.organizationId,
    userId: m.userId,
    role: m.role,
    createdAt: m.createdAt.toISOString(),
    updatedAt: m.updatedAt.toISOString(),
  };
}

type InvitationRow = Row & {
  email: string;
  role: OrgRole;
  status: InvitationStatus;
  expiresAt: Date;
  inviter: Invitation["inviter"];
};

/**
 * An invitation as listed; a PENDING one past its date reads EXPIRED at once (the expiry job marks the
 * row itself a little later).
 */
export function invitationView(i: InvitationRow, now: Date = new Date()): Invitation {
  return {
    id: i.id,
    email: i.email,
    role: i.role,
    status: i.status === "PENDING" && i.expiresAt < now ? "EXPIRED" : i.status,
    expiresAt: i.expiresAt.toISOString(),
    createdAt: i.createdAt.toISOString(),
    inviter: i.inviter,
  };
}

/** An invitation as the person it is addressed to sees it, with the inviting organization. */
export function myInvitationView(i: InvitationRow & { organization: MyInvitation["organization"] }): MyInvitation {
  return { ...invitationView(i), organization: i.organization };
}

/** An invitation record as created or renewed. */
export function invitationRecordView(
  i: Row & {
    organizationId: string;
    email: string;
    role: OrgRole;
    status: InvitationStatus;
    expiresAt: Date;
    inviterId: string | null;
    respondedAt: Date | null;
    updatedAt: Date;
  },
): InvitationRecord {
  return {
    id: i.id,
    organizationId: i.organizationId,
    email: i.email,
    role: i.role,
    status: i.status,
    expiresAt: i.expiresAt.toISOString(),
    inviterId: i.inviterId,
    respondedAt: i.respondedAt?.toISOString() ?? null,
    createdAt: i.createdAt.toISOString(),
    updatedAt: i.updatedAt.toISOString(),
  };
}
