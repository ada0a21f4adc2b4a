import { verifyPassword } from "better-auth/crypto";
import { afterAll, describe, expect, it } from "vitest";
import { createDb } from "./client";
import {
  DEMO_ADMIN_EMAIL,
  DEMO_ENTERPRISE_GRANT_REASON,
  DEMO_ENTERPRISE_ORG_SLUG,
  DEMO_ORG_SLUG,
  DEMO_OWNER_EMAIL,
  seedDatabase,
} from "./seed";
import { effectivePlanOf } from "@/server/billing/effective-plan";

const db = createDb();

// Scoped to what the seed owns: other test files write to the same database at the same time.
async function counts() {
  const demoUsers = { email: { in: [DEMO_OWNER_EMAIL, DEMO_ADMIN_EMAIL] } };
  const demoOrg = { slug: { in: [DEMO_ORG_SLUG, DEMO_ENTERPRISE_ORG_SLUG] } };
  const [users, accounts, organizations, members, activities, grants] = await Promise.all([
    db.user.count({ where: demoUsers }),
    db.account.count({ where: { user: demoUsers } }),
    db.organization.count({ where: demoOrg }),
    db.organizationMember.count({ where: { organization: demoOrg } }),
    db.activityLog.count({ where: { OR: [{ organization: demoOrg }, { actor: demoUsers }] } }),
    db.planGrant.count({ where: { organization: demoOrg } }),
  ]);
  return { users, accounts, organizations, members, activities, grants };
}

describe("seedDatabase", () => {
  afterAll(() => db.$disconnect());

  it("creates the demo tenant and accounts once, then nothing", { timeout: 60_000 }, async () => {
    const password = "seed-test-password";
    const first = await seedDatabase(db, { password });

    const owner = await db.user.findUniqueOrThrow({
      where: { email: DEMO_OWNER_EMAIL },
      include: { accounts: true, memberships: { include: { organization: true } } },
    });
    expect(owner).toMatchObject({ id: first.ownerId, name: "Demo Owner", emailVerified: true, role: "USER" });
    expect(owner.memberships).toHaveLength(2);
    const publishing = owner.memberships.find((m) => m.organizationId === first.organizationId);
    expect(publishing).toMatchObject({ role: "OWNER" });
    expect(publishing?.organization).toMatchObject({ name: "Demo Publishing", slug: DEMO_ORG_SLUG, plan: "FREE" });
    expect((await effectivePlanOf(db, first.organizationId)).plan).toBe("FREE");

    // Demo Enterprise: paid plan FREE, effective ENTERPRISE through one active, open-ended grant.
    const enterprise = owner.memberships.find((m) => m.organizationId === first.enterpriseOrganizationId);
    expect(enterprise).toMatchObject({ role: "OWNER" });
    expect(enterprise?.organization).toMatchObject({
      name: "Demo Enterprise",
      slug: DEMO_ENTERPRISE_ORG_SLUG,
      plan: "FREE",
    });
    const effective = await effectivePlanOf(db, first.enterpriseOrganizationId);
    expect(effective).toMatchObject({ plan: "ENTERPRISE", paidPlan: "FREE" });
    expect(effective.grant).toMatchObject({
      plan: "ENTERPRISE",
      reason: DEMO_ENTERPRISE_GRANT_REASON,
      endsAt: null,
      grantedById: first.adminId,
    });

    const admin = await db.user.findUniqueOrThrow({
      where: { email: DEMO_ADMIN_EMAIL },
      include: { accounts: true, memberships: true },
    });
    expect(admin).toMatchObject({ id: first.adminId, role: "SUPER_ADMIN", emailVerified: true });
    expect(admin.memberships).toEqual([]);

    // The credential account is the one better-auth signs in with, and its hash verifies.
    for (const user of [owner, admin]) {
      expect(user.accounts).toHaveLength(1);
      const account = user.accounts[0]!;
      expect(account).toMatchObject({ provider: "credential", providerAccountId: user.id });
      expect(await verifyPassword({ hash: account.password!, password })).toBe(true);
      expect(await verifyPassword({ hash: account.password!, password: "wrong-password" })).toBe(false);
    }

    const created = await db.activityLog.findMany({
      where: { organizationId: first.organizationId, action: "org.created" },
    });
    expect(created).toHaveLength(1);
    expect(created[0]).toMatchObject({ actorId: owner.id, resource: "organization", resourceId: first.organizationId });

    const before = await counts();
    const second = await seedDatabase(db, { password: "another-password" });
    expect(second).toMatchObject({
      created: false,
      createdItems: [],
      organizationId: first.organizationId,
      enterpriseOrganizationId: first.enterpriseOrganizationId,
      ownerId: first.ownerId,
      adminId: first.adminId,
    });
    expect(await counts()).toEqual(before);
    // The second run did not reset the password either.
    const account = await db.account.findFirstOrThrow({ where: { userId: owner.id } });
    expect(await verifyPassword({ hash: account.password!, password })).toBe(true);
  });
});
