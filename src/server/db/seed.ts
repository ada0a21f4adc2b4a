import "server-only";
import { hashPassword } from "better-auth/crypto";
import type { Db, DbTx } from "./client";

export const DEMO_ORG_NAME = "Demo Publishing";
export const DEMO_ORG_SLUG = "demo";
/** The demo organization on a complimentary ENTERPRISE grant: API keys, CLI, engines and storage at once. */
export const DEMO_ENTERPRISE_ORG_NAME = "Demo Enterprise";
export const DEMO_ENTERPRISE_ORG_SLUG = "demo-enterprise";
export const DEMO_ENTERPRISE_GRANT_REASON = "Demo organization";
export const DEMO_OWNER_EMAIL = "demo@scriptorium.local";
export const DEMO_ADMIN_EMAIL = "admin@scriptorium.local";
export const DEFAULT_DEMO_PASSWORD = "scriptorium-demo";

/** The demo accounts' password: DEMO_PASSWORD, or the documented default for a local try-out. */
export function demoPassword(): string {
  return process.env.DEMO_PASSWORD || DEFAULT_DEMO_PASSWORD;
}

export interface SeedResult {
  /** False when everything already existed (the seed is idempotent). */
  created: boolean;
  organizationId: string;
  /** "Demo Enterprise" (ENTERPRISE through a platform grant). */
  enterpriseOrganizationId: string;
  ownerId: string;
  adminId: string;
  /** What this run created, for the seed's log. */
  createdItems: string[];
}

/**
 * Seeds the demo tenants: "Demo Publishing" (FREE, so the limits can be seen) and "Demo Enterprise" (on a
 * complimentary ENTERPRISE grant, so API keys, the CLI, engines and storage work at once), both owned by
 * demo@scriptorium.local, plus a platform
 * SUPER_ADMIN admin@scriptorium.local who is deliberately NOT a member of it (platform access comes from the
 * user role, never from a tenant membership). Creates only what is missing, so running it twice is a no-op.
 */
export async function seedDatabase(db: Db, options: { password?: string } = {}): Promise<SeedResult> {
  const password = options.password ?? demoPassword();
  // scrypt is deliberately slow: hash before the transaction so it stays short. The hash is the one
  // better-auth's email/password sign-in verifies.
  const passwordHash = await hashPassword(password);

  return db.$transaction(async (tx) => {
    const createdItems: string[] = [];

    const owner = await findOrCreateUser(tx, createdItems, {
      email: DEMO_OWNER_EMAIL,
      name: "Demo Owner",
      role: "USER",
      passwordHash,
    });
    const admin = await findOrCreateUser(tx, createdItems, {
      email: DEMO_ADMIN_EMAIL,
      name: "Platform Admin",
      role: "SUPER_ADMIN",
      passwordHash,
    });

    const organization = await findOrCreateOwnedOrganization(tx, createdItems, owner.id, DEMO_ORG_NAME, DEMO_ORG_SLUG);
    const enterprise = await findOrCreateOwnedOrganization(
      tx,
      createdItems,
      owner.id,
      DEMO_ENTERPRISE_ORG_NAME,
      DEMO_ENTERPRISE_ORG_SLUG,
    );
    // Granted once: a grant an admin later ended is history, not something a re-seed brings back.
    const grants = await tx.planGrant.count({ where: { organizationId: enterprise.id } });
    if (grants === 0) {
      const grant = await tx.planGrant.create({
        data: {
          organizationId: enterprise.id,
          plan: "ENTERPRISE",
          reason: DEMO_ENTERPRISE_GRANT_REASON,
          grantedById: admin.id,
        },
      });
      await tx.activityLog.create({
        data: {
          organizationId: enterprise.id,
          actorId: admin.id,
          action: "billing.plan_granted",
          resource: "plan_grant",
          resourceId: grant.id,
          metadata: { plan: "ENTERPRISE", reason: DEMO_ENTERPRISE_GRANT_REASON, endsAt: null, source: "seed" },
        },
      });
      createdItems.push(`complimentary ENTERPRISE grant → ${DEMO_ENTERPRISE_ORG_SLUG}`);
    }

    return {
      created: createdItems.length > 0,
      organizationId: organization.id,
      enterpriseOrganizationId: enterprise.id,
      ownerId: owner.id,
      adminId: admin.id,
      createdItems,
    };
  });
}

async function findOrCreateUser(
  tx: DbTx,
  createdItems: string[],
  input: { email: string; name: string; role: "USER" | "SUPER_ADMIN"; passwordHash: string },
): Promise<{ id: string }> {
  const existing = await tx.user.findUnique({ where: { email: input.email }, select: { id: true } });
  if (existing) return existing;
  const user = await tx.user.create({
    data: { email: input.email, name: input.name, role: input.role, emailVerified: true },
    select: { id: true },
  });
  // better-auth's email/password account, in our NextAuth-shaped columns: providerId → provider,
  // accountId → providerAccountId (the user id, as better-auth stores it for credentials).
  await tx.account.create({
    data: { userId: user.id, provider: "credential", providerAccountId: user.id, password: input.passwordHash },
  });
  createdItems.push(`user ${input.email} (${input.role})`);
  return user;
}

/** The organization with this slug (created FREE, with its org.created row, when missing) and its OWNER. */
async function findOrCreateOwnedOrganization(
  tx: DbTx,
  createdItems: string[],
  ownerId: string,
  name: string,
  slug: string,
): Promise<{ id: string }> {
  let organization = await tx.organization.findUnique({ where: { slug }, select: { id: true } });
  if (!organization) {
    organization = await tx.organization.create({ data: { name, slug, plan: "FREE" }, select: { id: true } });
    createdItems.push(`organization ${slug}`);
    await tx.activityLog.create({
      data: {
        organizationId: organization.id,
        actorId: ownerId,
        action: "org.created",
        resource: "organization",
        resourceId: organization.id,
        metadata: { name, slug, source: "seed" },
      },
    });
  }
  const membership = await tx.organizationMember.findUnique({
    where: { organizationId_userId: { organizationId: organization.id, userId: ownerId } },
  });
  if (!membership) {
    await tx.organizationMember.create({ data: { organizationId: organization.id, userId: ownerId, role: "OWNER" } });
    createdItems.push(`membership ${DEMO_OWNER_EMAIL} → ${slug} (OWNER)`);
  }
  return organization;
}
