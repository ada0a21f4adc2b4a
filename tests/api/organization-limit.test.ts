import { describe, expect, it } from "vitest";
import { db } from "@/server/db/client";
import { callRoute, signUpAndSignIn, type TestUser } from "../helpers/session-client";
import { routes } from "./routes";

// Issue 13 item 10: `multipleOrganizations` is enforced. A user may create one organization; more need an
// organization they own on a plan with multipleOrganizations (ENTERPRISE). Invitations are not limited.

type Json = Record<string, unknown>;

async function createOrg(user: TestUser, name: string) {
  return callRoute(routes.organizations.POST, { user, body: { name } });
}

async function createdOrg(user: TestUser, name: string): Promise<string> {
  const res = await createOrg(user, name);
  expect(res.status, JSON.stringify(res.json)).toBe(201);
  return ((res.json as Json).organization as { id: string }).id;
}

/** Everything an organization creation writes, for this user. */
async function footprint(user: TestUser) {
  const [created, memberships, activity, sessions] = await Promise.all([
    db().organization.findMany({ where: { createdById: user.id }, select: { id: true }, orderBy: { id: "asc" } }),
    db().organizationMember.findMany({ where: { userId: user.id }, orderBy: { id: "asc" } }),
    db().activityLog.findMany({ where: { actorId: user.id, action: "org.created" }, orderBy: { id: "asc" } }),
    db().session.findMany({ where: { userId: user.id }, select: { id: true, activeOrganizationId: true } }),
  ]);
  return { created, memberships, activity, sessions };
}

function expectOrganizationLimit(res: { status: number; json: Json | null }, used: number) {
  expect(res.status, JSON.stringify(res.json)).toBe(402);
  expect(res.json?.error).toMatchObject({
    code: "PLAN_LIMIT_REACHED",
    field: null,
    feature: "multipleOrganizations",
    limit: 1,
    used,
    plan: "FREE",
    upgradeTo: "ENTERPRISE",
  });
}

describe("organizations per user (multipleOrganizations)", () => {
  it("refuses a FREE user's second organization with 402 and creates nothing", async () => {
    const user = await signUpAndSignIn("one-org");
    const first = await createdOrg(user, "Only Press");
    const before = await footprint(user);

    const refused = await createOrg(user, "Refused Second Press");
    expectOrganizationLimit(refused, 1);
    // A chosen slug takes the same path.
    expectOrganizationLimit(
      await callRoute(routes.organizations.POST, { user, body: { name: "Chosen Slug Press", slug: "x-press-limit" } }),
      1,
    );

    const after = await footprint(user);
    expect(after).toEqual(before);
    expect(after.created.map((o) => o.id)).toEqual([first]);
    expect(await db().organization.count({ where: { slug: "x-press-limit" } })).toBe(0);
    expect(
      await db().organization.count({ where: { name: { in: ["Refused Second Press", "Chosen Slug Press"] } } }),
    ).toBe(0);
  });

  it("20 concurrent first creations by one FREE user → exactly one organization", async () => {
    const user = await signUpAndSignIn("race-org");
    const before = await footprint(user);
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => createOrg(user, `Race Press ${i}`)));
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    for (const res of results.filter((r) => r.status !== 201)) expectOrganizationLimit(res, 1);

    const after = await footprint(user);
    expect(before.created).toHaveLength(0);
    expect(after.created).toHaveLength(1);
    expect(after.memberships).toHaveLength(1);
    expect(after.memberships[0]).toMatchObject({ organizationId: after.created[0]!.id, role: "OWNER" });
    expect(after.activity).toHaveLength(1);
    expect(await db().organization.count({ where: { name: { startsWith: "Race Press " } } })).toBe(1);
  });

  it("lets the owner of an ENTERPRISE organization create more, also concurrently", async () => {
    const user = await signUpAndSignIn("enterprise-org");
    const first = await createdOrg(user, "Big Corp");
    await db().organization.update({ where: { id: first }, data: { plan: "ENTERPRISE" } });

    const results = await Promise.all([1, 2, 3].map((i) => createOrg(user, `Big Corp Division ${i}`)));
    expect(results.map((r) => r.status)).toEqual([201, 201, 201]);
    const after = await footprint(user);
    expect(after.created).toHaveLength(4);
    expect(after.memberships.filter((m) => m.role === "OWNER")).toHaveLength(4);

    // Back on FREE (downgrade), nothing is deleted, but the next one is refused.
    await db().organization.update({ where: { id: first }, data: { plan: "FREE" } });
    expectOrganizationLimit(await createOrg(user, "One Too Many"), 4);
    expect((await footprint(user)).created).toHaveLength(4);
  });

  it("still lets a user at the limit join other organizations, and a member create their own first one", async () => {
    const owner = await signUpAndSignIn("limit-host");
    const guest = await signUpAndSignIn("limit-guest");
    const hostOrg = await createdOrg(owner, "Host Press");
    const guestOrg = await createdOrg(guest, "Guest Press");

    const invited = await callRoute(routes.orgInvitations.POST, {
      user: owner,
      body: { email: guest.email, role: "ADMIN" },
    });
    expect(invited.status, JSON.stringify(invited.json)).toBe(201);
    const invitationId = ((invited.json as Json).invitation as { id: string }).id;
    const accepted = await callRoute(routes.acceptInvitation.POST, { user: guest, params: { invitationId } });
    expect(accepted.status, JSON.stringify(accepted.json)).toBe(200);
    expect(
      (await db().organizationMember.findMany({ where: { userId: guest.id }, orderBy: { createdAt: "asc" } })).map(
        (m) => [m.organizationId, m.role],
      ),
    ).toEqual([
      [guestOrg, "OWNER"],
      [hostOrg, "ADMIN"],
    ]);

    // A member of someone else's organization who created none may still create one.
    const member = await signUpAndSignIn("limit-member");
    const memberInvite = await callRoute(routes.orgInvitations.POST, {
      user: owner,
      body: { email: member.email, role: "ADMIN" },
    });
    const memberInvitationId = ((memberInvite.json as Json).invitation as { id: string }).id;
    expect(
      (await callRoute(routes.acceptInvitation.POST, { user: member, params: { invitationId: memberInvitationId } }))
        .status,
    ).toBe(200);
    await createdOrg(member, "Member's Own Press");
  });

  it("counts an organization handed to another owner: leaving it does not free a second free one", async () => {
    const founder = await signUpAndSignIn("handover-founder");
    const heir = await signUpAndSignIn("handover-heir");
    const orgId = await createdOrg(founder, "Handover Press");
    await db().organizationMember.create({ data: { organizationId: orgId, userId: heir.id, role: "OWNER" } });
    const left = await callRoute(routes.leave.POST, { user: founder });
    expect(left.status, JSON.stringify(left.json)).toBeLessThan(300);
    expect(await db().organizationMember.count({ where: { userId: founder.id } })).toBe(0);

    const before = await footprint(founder);
    const refused = await createOrg(founder, "Handover Again");
    expectOrganizationLimit(refused, 1);
    expect(await footprint(founder)).toEqual(before);
  });
});
