import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db/client";
import { callAuth, callRoute, cookieFrom, signUpAndSignIn, type TestUser } from "../helpers/session-client";
import { routes } from "./routes";

async function createOrg(user: TestUser, name: string) {
  const res = await callRoute(routes.organizations.POST, { user, body: { name } });
  expect(res.status).toBe(201);
  return (res.json as { organization: { id: string; slug: string } }).organization;
}

async function invite(owner: TestUser, email: string, role: string) {
  const res = await callRoute(routes.orgInvitations.POST, { user: owner, body: { email, role } });
  expect(res.status, JSON.stringify(res.json)).toBe(201);
  return (res.json as { invitation: { id: string } }).invitation.id;
}

/** `user`'s membership row in the organization. */
function membershipOf(organizationId: string, user: TestUser) {
  return db().organizationMember.findFirstOrThrow({ where: { organizationId, userId: user.id } });
}

/** `by` changes a membership's role through the members route; the response tells whether it was allowed. */
function setRole(by: TestUser, memberId: string, role: string) {
  return callRoute(routes.member.PATCH, { user: by, params: { memberId }, body: { role } });
}

describe("organizations", () => {
  let owner: TestUser;
  let second: TestUser;
  let orgId: string;

  beforeAll(async () => {
    owner = await signUpAndSignIn("owner");
    second = await signUpAndSignIn("second");
    orgId = (await createOrg(owner, "Éditions du Test")).id;
  });

  it("creates an organization with the creator as OWNER, active, and logs org.created with IP and user agent", async () => {
    const me = await callRoute(routes.me.GET, { user: owner });
    expect(me.status).toBe(200);
    const body = me.json as { activeOrganization: { id: string; role: string; slug: string } };
    expect(body.activeOrganization).toMatchObject({ id: orgId, role: "OWNER" });
    // Derived from the name; a taken slug gets a short random suffix instead of failing.
    expect(body.activeOrganization.slug).toMatch(/^editions-du-test(-[0-9a-f]{6})?$/);
    const log = await db().activityLog.findFirstOrThrow({ where: { organizationId: orgId, action: "org.created" } });
    expect(log).toMatchObject({ actorId: owner.id, ipAddress: "198.51.100.9", userAgent: "vitest", resourceId: orgId });
  });

  it("logs user.signup and user.login with the caller's IP", async () => {
    const logs = await db().activityLog.findMany({
      where: { actorId: owner.id, action: { in: ["user.signup", "user.login"] } },
    });
    expect(logs.map((l) => l.action).sort()).toEqual(["user.login", "user.signup"]);
    expect(logs.find((l) => l.action === "user.login")?.ipAddress).toBe("203.0.113.7");
  });

  it("invites by email, the invitee accepts, owner changes the role; each step is logged", async () => {
    const invitationId = await invite(owner, second.email.toUpperCase(), "MEMBER");
    const email = await db().outboxEmail.findFirstOrThrow({
      where: { to: second.email },
      orderBy: { createdAt: "desc" },
    });
    expect(email.text).toContain(`/invitations/${invitationId}`);

    const mine = await callRoute(routes.myInvitations.GET, { user: second });
    expect((mine.json as { invitations: { id: string }[] }).invitations.map((i) => i.id)).toContain(invitationId);

    const accepted = await callRoute(routes.acceptInvitation.POST, { user: second, params: { invitationId } });
    expect(accepted.status).toBe(200);
    expect((accepted.json as { organization: { id: string; role: string } }).organization).toMatchObject({
      id: orgId,
      role: "MEMBER",
    });
    const again = await callRoute(routes.acceptInvitation.POST, { user: second, params: { invitationId } });
    expect(again.status).toBe(409);
    expect(await db().organizationMember.count({ where: { organizationId: orgId, userId: second.id } })).toBe(1);

    const secondMember = await membershipOf(orgId, second);
    const changed = await setRole(owner, secondMember.id, "ADMIN");
    expect(changed.status).toBe(200);

    const actions = (
      await db().activityLog.findMany({ where: { organizationId: orgId }, orderBy: { createdAt: "asc" } })
    ).map((l) => l.action);
    expect(actions).toEqual(
      expect.arrayContaining(["org.created", "member.invited", "member.joined", "member.role_changed"]),
    );

    const listed = await callRoute(routes.activity.GET, {
      user: owner,
      path: "/api/organization/activity?action=member.role_changed",
    });
    const items = (listed.json as { items: { action: string; metadata: { from: string; to: string } }[] }).items;
    expect(items).toHaveLength(1);
    expect(items[0]?.metadata).toMatchObject({ from: "MEMBER", to: "ADMIN" });
  });

  it("never lets the last owner leave or be demoted, and lets a second owner take over", async () => {
    const ownerMember = await membershipOf(orgId, owner);
    const demote = await setRole(owner, ownerMember.id, "ADMIN");
    expect(demote.status).toBe(409);
    expect((demote.json as { error: { code: string } }).error.code).toBe("LAST_OWNER");
    const leave = await callRoute(routes.leave.POST, { user: owner });
    expect(leave.status).toBe(409);
    expect(await db().organizationMember.findUnique({ where: { id: ownerMember.id } })).toMatchObject({
      role: "OWNER",
    });

    // An ADMIN cannot touch the owner nor grant OWNER.
    const byAdmin = await setRole(second, ownerMember.id, "MEMBER");
    expect(byAdmin.status).toBe(403);
    const secondMember = await membershipOf(orgId, second);
    const selfPromote = await setRole(second, secondMember.id, "OWNER");
    expect(selfPromote.status).toBe(403);

    const promote = await setRole(owner, secondMember.id, "OWNER");
    expect(promote.status).toBe(200);
    // Two owners demoting each other at the same time: exactly one succeeds, one owner remains.
    const [a, b] = await Promise.all([
      setRole(owner, secondMember.id, "ADMIN"),
      setRole(second, ownerMember.id, "ADMIN"),
    ]);
    // The loser sees LAST_OWNER (409), or 403 when its own demotion committed before its request was read.
    const statuses = [a.status, b.status].sort();
    expect(statuses[0]).toBe(200);
    expect([403, 409]).toContain(statuses[1]);
    expect(await db().organizationMember.count({ where: { organizationId: orgId, role: "OWNER" } })).toBe(1);
  });

  it("lets a user belong to several organizations and switch between them", async () => {
    const other = await createOrg(second, "Second House");
    let me = await callRoute(routes.me.GET, { user: second });
    expect((me.json as { activeOrganization: { id: string } }).activeOrganization.id).toBe(other.id);
    const switched = await callRoute(routes.activeOrganization.POST, { user: second, body: { organizationId: orgId } });
    expect(switched.status).toBe(200);
    me = await callRoute(routes.me.GET, { user: second });
    const body = me.json as { activeOrganization: { id: string }; organizations: { id: string }[] };
    expect(body.activeOrganization.id).toBe(orgId);
    expect(body.organizations.map((o) => o.id).sort()).toEqual([orgId, other.id].sort());
  });

  it("starts a new session in the organization the user last worked in", async () => {
    const signIn = await callAuth("/sign-in/email", { email: second.email, password: "correct horse battery" });
    expect(signIn.status).toBe(200);
    const fresh = { ...second, cookie: cookieFrom(signIn) };
    const me = await callRoute(routes.me.GET, { user: fresh });
    expect((me.json as { activeOrganization: { id: string } | null }).activeOrganization?.id).toBe(orgId);
  });

  it("declines, cancels, removes and renames with the right guards", async () => {
    const third = await signUpAndSignIn("third");
    const invitationId = await invite(owner, third.email, "GUEST");
    const declined = await callRoute(routes.declineInvitation.POST, { user: third, params: { invitationId } });
    expect(declined.status).toBe(204);
    expect((await db().invitation.findUniqueOrThrow({ where: { id: invitationId } })).status).toBe("DECLINED");

    const again = await invite(owner, third.email, "GUEST");
    const cancel = await callRoute(routes.orgInvitation.DELETE, {
      user: owner,
      method: "DELETE",
      params: { invitationId: again },
    });
    expect(cancel.status).toBe(204);
    const acceptCanceled = await callRoute(routes.acceptInvitation.POST, {
      user: third,
      params: { invitationId: again },
    });
    expect(acceptCanceled.status).toBe(409);

    const third2 = await invite(owner, third.email, "GUEST");
    expect(
      (await callRoute(routes.acceptInvitation.POST, { user: third, params: { invitationId: third2 } })).status,
    ).toBe(200);
    // A guest may read but not rename or invite.
    expect((await callRoute(routes.organization.GET, { user: third })).status).toBe(200);
    const rename = await callRoute(routes.organization.PATCH, {
      user: third,
      method: "PATCH",
      body: { name: "Hacked" },
    });
    expect(rename.status).toBe(403);
    expect(
      (await callRoute(routes.orgInvitations.POST, { user: third, body: { email: "x@example.test", role: "MEMBER" } }))
        .status,
    ).toBe(403);

    const guestMember = await membershipOf(orgId, third);
    const removed = await callRoute(routes.member.DELETE, {
      user: owner,
      method: "DELETE",
      params: { memberId: guestMember.id },
    });
    expect(removed.status).toBe(204);
    const afterRemoval = await callRoute(routes.organization.GET, { user: third });
    expect(afterRemoval.status).toBe(409);
    expect((afterRemoval.json as { error: { code: string } }).error.code).toBe("NO_ACTIVE_ORGANIZATION");

    const renamed = await callRoute(routes.organization.PATCH, {
      user: owner,
      method: "PATCH",
      body: { name: "Éditions Renommées" },
    });
    expect(renamed.status).toBe(200);
    expect((await db().organization.findUniqueOrThrow({ where: { id: orgId } })).name).toBe("Éditions Renommées");
  });

  it("deletes an organization only with the typed slug, by an owner", async () => {
    const doomedOwner = await signUpAndSignIn("doomed");
    const doomed = await createOrg(doomedOwner, "Doomed Press");
    const wrong = await callRoute(routes.organization.DELETE, {
      user: doomedOwner,
      method: "DELETE",
      body: { confirmSlug: "nope" },
    });
    expect(wrong.status).toBe(400);
    expect((wrong.json as { error: { field: string } }).error.field).toBe("confirmSlug");
    const ok = await callRoute(routes.organization.DELETE, {
      user: doomedOwner,
      method: "DELETE",
      body: { confirmSlug: doomed.slug },
    });
    expect(ok.status).toBe(204);
    expect(await db().organization.findUnique({ where: { id: doomed.id } })).toBeNull();
    expect(await db().activityLog.count({ where: { action: "org.deleted", resourceId: doomed.id } })).toBe(1);
  });

  it("shows the admin console only to SUPER_ADMIN", async () => {
    const admin = await signUpAndSignIn("root", { role: "SUPER_ADMIN" });
    const orgs = await callRoute(routes.adminOrganizations.GET, {
      user: admin,
      path: "/api/admin/organizations?limit=500",
    });
    expect(orgs.status).toBe(200);
    expect((orgs.json as { items: { id: string }[] }).items.map((o) => o.id)).toContain(orgId);
    const users = await callRoute(routes.adminUsers.GET, { user: admin });
    expect((users.json as { items: { email: string }[] }).items.map((u) => u.email)).toContain(owner.email);
    expect((await callRoute(routes.adminUsers.GET, { user: owner })).status).toBe(403);
    expect((await callRoute(routes.adminOrganizations.GET, { user: null })).status).toBe(401);
  });
});
