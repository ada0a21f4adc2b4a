import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db/client";
import { callRoute, type RouteHandler, signUpAndSignIn, type TestUser } from "../helpers/session-client";
import { tenantSnapshot } from "../helpers/tenant-snapshot";
import { routes } from "./routes";

// A member (even an OWNER) of organization A attacks organization B through every route that exists.
describe("tenant isolation across every organization route", () => {
  let attacker: TestUser;
  let victim: TestUser;
  let orgA: string;
  let orgB: string;
  let bMemberId: string;
  let bOwnerMemberId: string;
  let bInvitationId: string;

  beforeAll(async () => {
    attacker = await signUpAndSignIn("attacker");
    victim = await signUpAndSignIn("victim");
    const b = await callRoute(routes.organizations.POST, { user: victim, body: { name: "Victim Books" } });
    orgB = (b.json as { organization: { id: string } }).organization.id;
    const a = await callRoute(routes.organizations.POST, { user: attacker, body: { name: "Attacker Books" } });
    orgA = (a.json as { organization: { id: string } }).organization.id;
    const bystander = await signUpAndSignIn("bystander");
    const inv = await callRoute(routes.orgInvitations.POST, {
      user: victim,
      body: { email: bystander.email, role: "MEMBER" },
    });
    bInvitationId = (inv.json as { invitation: { id: string } }).invitation.id;
    const pending = await callRoute(routes.orgInvitations.POST, {
      user: victim,
      body: { email: "pending@example.test", role: "ADMIN" },
    });
    expect(pending.status).toBe(201);
    await callRoute(routes.acceptInvitation.POST, { user: bystander, params: { invitationId: bInvitationId } });
    bMemberId = (
      await db().organizationMember.findFirstOrThrow({ where: { organizationId: orgB, userId: bystander.id } })
    ).id;
    bOwnerMemberId = (
      await db().organizationMember.findFirstOrThrow({ where: { organizationId: orgB, userId: victim.id } })
    ).id;
    bInvitationId = (pending.json as { invitation: { id: string } }).invitation.id;
  });

  const expectRefused = (status: number) => expect([403, 404]).toContain(status);
  // Attacks on organization B's members and invitations that both attack tests replay (run later, in order).
  const attackerSetsRole = (memberId: string, role: string) => () =>
    callRoute(routes.member.PATCH, { user: attacker, method: "PATCH", params: { memberId }, body: { role } });
  const attackerRemovesMember = () =>
    callRoute(routes.member.DELETE, { user: attacker, method: "DELETE", params: { memberId: bMemberId } });
  const attackerCancelsInvitation = () =>
    callRoute(routes.orgInvitation.DELETE, {
      user: attacker,
      method: "DELETE",
      params: { invitationId: bInvitationId },
    });

  it("cannot switch into, read, list, change or delete organization B's data", async () => {
    const before = await tenantSnapshot(orgB, [attacker.id]);
    const attempts = [
      () => callRoute(routes.activeOrganization.POST, { user: attacker, body: { organizationId: orgB } }),
      attackerSetsRole(bMemberId, "GUEST"),
      attackerSetsRole(bOwnerMemberId, "ADMIN"),
      attackerRemovesMember,
      attackerCancelsInvitation,
      () => callRoute(routes.invitation.GET, { user: attacker, params: { invitationId: bInvitationId } }),
      () => callRoute(routes.acceptInvitation.POST, { user: attacker, params: { invitationId: bInvitationId } }),
      () => callRoute(routes.declineInvitation.POST, { user: attacker, params: { invitationId: bInvitationId } }),
      () => callRoute(routes.adminOrganizations.GET, { user: attacker }),
      () => callRoute(routes.adminUsers.GET, { user: attacker }),
    ];
    for (const attempt of attempts) {
      const res = await attempt();
      expectRefused(res.status);
      expect(JSON.stringify(res.json)).not.toContain("Victim Books");
      expect((res.json as { error: { code: string } }).error.code).toMatch(/NOT_FOUND|FORBIDDEN/);
    }
    expect(await tenantSnapshot(orgB, [attacker.id])).toBe(before);
  });

  it("sees only organization A in every listing", async () => {
    const lists = [
      await callRoute(routes.me.GET, { user: attacker }),
      await callRoute(routes.organizations.GET, { user: attacker }),
      await callRoute(routes.organization.GET, { user: attacker }),
      await callRoute(routes.members.GET, { user: attacker }),
      await callRoute(routes.orgInvitations.GET, { user: attacker }),
      await callRoute(routes.activity.GET, { user: attacker }),
      await callRoute(routes.activity.GET, { user: attacker, path: `/api/organization/activity?actorId=${victim.id}` }),
      await callRoute(routes.myInvitations.GET, { user: attacker }),
    ];
    for (const res of lists) {
      expect(res.status).toBe(200);
      const text = JSON.stringify(res.json);
      expect(text).not.toContain(orgB);
      expect(text).not.toContain("Victim Books");
      expect(text).not.toContain(victim.email);
    }
    const activity = lists[5]!.json as { items: { action: string }[] };
    expect(activity.items.length).toBeGreaterThan(0);
  });

  it("refuses a session whose active organization it is not a member of (stale or forged)", async () => {
    const before = await tenantSnapshot(orgB, []);
    await db().session.updateMany({ where: { userId: attacker.id }, data: { activeOrganizationId: orgB } });
    const attempts = [
      () => callRoute(routes.organization.GET, { user: attacker }),
      () => callRoute(routes.organization.PATCH, { user: attacker, method: "PATCH", body: { name: "Pwned" } }),
      () =>
        callRoute(routes.organization.DELETE, {
          user: attacker,
          method: "DELETE",
          body: { confirmSlug: "victim-books" },
        }),
      () => callRoute(routes.members.GET, { user: attacker }),
      attackerSetsRole(bMemberId, "GUEST"),
      attackerRemovesMember,
      () => callRoute(routes.leave.POST, { user: attacker }),
      () => callRoute(routes.orgInvitations.GET, { user: attacker }),
      () =>
        callRoute(routes.orgInvitations.POST, { user: attacker, body: { email: "spy@example.test", role: "OWNER" } }),
      attackerCancelsInvitation,
      () => callRoute(routes.activity.GET, { user: attacker }),
    ];
    for (const attempt of attempts) {
      const res = await attempt();
      expect(res.status).toBe(403);
      expect(JSON.stringify(res.json)).not.toContain("Victim Books");
    }
    expect(await tenantSnapshot(orgB, [])).toBe(before);
    await db().session.updateMany({ where: { userId: attacker.id }, data: { activeOrganizationId: orgA } });
  });

  it("answers 401 to every route without a session, changing nothing", async () => {
    const before = await tenantSnapshot(orgB, []);
    const calls: [RouteHandler, string][] = [
      [routes.me.GET, "GET"],
      [routes.organizations.GET, "GET"],
      [routes.organizations.POST, "POST"],
      [routes.activeOrganization.POST, "POST"],
      [routes.organization.GET, "GET"],
      [routes.organization.PATCH, "PATCH"],
      [routes.organization.DELETE, "DELETE"],
      [routes.members.GET, "GET"],
      [routes.member.PATCH, "PATCH"],
      [routes.member.DELETE, "DELETE"],
      [routes.leave.POST, "POST"],
      [routes.orgInvitations.GET, "GET"],
      [routes.orgInvitations.POST, "POST"],
      [routes.orgInvitation.DELETE, "DELETE"],
      [routes.activity.GET, "GET"],
      [routes.myInvitations.GET, "GET"],
      [routes.invitation.GET, "GET"],
      [routes.acceptInvitation.POST, "POST"],
      [routes.declineInvitation.POST, "POST"],
      [routes.adminOrganizations.GET, "GET"],
      [routes.adminUsers.GET, "GET"],
    ];
    for (const [handler, method] of calls) {
      const res = await callRoute(handler, {
        user: null,
        method,
        body:
          method === "GET"
            ? undefined
            : { name: "x", role: "ADMIN", confirmSlug: "victim-books", organizationId: orgB, email: "a@b.c" },
        params: { memberId: bMemberId, invitationId: bInvitationId },
      });
      expect(res.status).toBe(401);
      expect((res.json as { error: { code: string } }).error.code).toBe("UNAUTHENTICATED");
    }
    expect(await tenantSnapshot(orgB, [])).toBe(before);
  });
});
