// Permissions before validation (issue 13 item 11): a caller whose role may not perform a route's action
// gets 403 whatever body they send, never a 400 about that body. Walks every mutating route found on disk
// as a GUEST, and as a MEMBER where the action is for managers or owners, with malformed and wrong-shaped
// bodies; the routes no organization role governs are listed with the reason.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type OrgAction, rolePermissions } from "@/server/auth/permissions";
import { env } from "@/server/env";
import { closeJobEvents } from "@/server/generation/job-events";
import type { TestUser } from "../helpers/session-client";
import {
  createRouteFixtures,
  everythingSnapshot,
  type MutatingRoute,
  mutatingRoutes,
  type RouteFixtures,
  send,
} from "./mutating-routes";

/** The action each session route's use case asserts (v1 routes carry theirs on the handler). */
const sessionRouteActions: Record<string, OrgAction> = {
  "POST /api/billing/cancel": "billing:manage",
  "POST /api/billing/checkout": "billing:manage",
  "PATCH /api/books/[bookId]/chapters/[chapterId]": "book:update",
  "PUT /api/books/[bookId]/chapters/order": "book:update",
  "POST /api/books/[bookId]/formats": "book:update",
  "POST /api/books/[bookId]/job/cancel": "job:cancel",
  "POST /api/books/[bookId]/job/retry": "book:update",
  "POST /api/books/[bookId]/revisions/[revisionId]/restore": "book:update",
  "POST /api/books/[bookId]/revisions/[revisionId]/restore-chapter": "revision:update",
  "PATCH /api/books/[bookId]/revisions/[revisionId]": "revision:update",
  "PATCH /api/books/[bookId]": "book:update",
  "PUT /api/books/[bookId]/bible": "book:update",
  "DELETE /api/books/[bookId]": "book:delete",
  "POST /api/books": "book:create",
  "PATCH /api/organization/api-keys/[keyId]": "apikey:manage",
  "DELETE /api/organization/api-keys/[keyId]": "apikey:manage",
  "POST /api/organization/api-keys": "apikey:manage",
  "PUT /api/organization/engine": "settings:update",
  "DELETE /api/organization/invitations/[invitationId]": "invitation:cancel",
  "POST /api/organization/invitations": "member:invite",
  "PATCH /api/organization/members/[memberId]": "member:update_role",
  "DELETE /api/organization/members/[memberId]": "member:remove",
  "PATCH /api/organization": "org:update",
  "DELETE /api/organization": "org:delete",
  "PUT /api/organization/storage": "settings:update",
  "DELETE /api/organization/storage": "settings:update",
  "POST /api/organization/storage/test": "settings:update",
  "POST /api/books/[bookId]/corrections/check": "correction:check",
  "POST /api/books/[bookId]/corrections/check/cancel": "correction:check",
  "POST /api/books/[bookId]/corrections/bulk": "correction:resolve",
  "POST /api/books/[bookId]/corrections/words": "correction:resolve",
  "POST /api/corrections/[correctionId]/apply": "correction:resolve",
  "POST /api/corrections/[correctionId]/dismiss": "correction:resolve",
  "POST /api/books/[bookId]/job/continue": "book:update",
  "POST /api/books/[bookId]/comments": "comment:create",
  "POST /api/books/[bookId]/comments/[commentId]/replies": "comment:create",
  "POST /api/books/[bookId]/comments/[commentId]/status": "comment:resolve",
  "DELETE /api/books/[bookId]/comments/[commentId]": "comment:create",
  "POST /api/books/[bookId]/suggestions": "suggestion:create",
  "POST /api/books/[bookId]/collaborators": "collaborator:manage",
  "PATCH /api/books/[bookId]/collaborators/[collaboratorId]": "collaborator:manage",
  "DELETE /api/books/[bookId]/collaborators/[collaboratorId]": "collaborator:manage",
  "POST /api/books/[bookId]/collaborators/[collaboratorId]/resend": "collaborator:manage",
};

/** Mutating routes no organization role governs, and why. */
const noRoleGate: Record<string, string> = {
  "POST /api/auth/[...all]": "better-auth: the caller's own identity (sign-in, sign-up, sign-out)",
  "POST /api/webhooks/paystack": "no caller role: a signed delivery from Paystack",
  "POST /api/webhooks/crewai/[jobId]": "no caller role: a delivery with the job's webhook token",
  "POST /api/organizations": "any signed-in user may create an organization",
  "POST /api/organizations/active": "switching acts on the caller's own session, to an organization they belong to",
  "POST /api/notifications": "the caller's own notifications",
  "POST /api/invitations/[invitationId]/accept": "an invitation addressed to the caller",
  "POST /api/invitations/[invitationId]/decline": "an invitation addressed to the caller",
  "POST /api/book-invitations/accept": "a book invitation addressed to the caller (its link's token)",
  "POST /api/book-invitations/[collaboratorId]/accept": "a book invitation addressed to the caller",
  "POST /api/book-invitations/[collaboratorId]/decline": "a book invitation addressed to the caller",
  "POST /api/organization/leave": "every role may leave (the last owner is refused by its own rule)",
  "POST /api/admin/organizations/[orgId]/grants": "SUPER_ADMIN only (a user role): tests/api/plan-grants.test.ts",
  "PATCH /api/admin/organizations/[orgId]/grants/[grantId]":
    "SUPER_ADMIN only (a user role): tests/api/plan-grants.test.ts",
  "POST /api/admin/organizations/[orgId]/grants/[grantId]/end":
    "SUPER_ADMIN only (a user role): tests/api/plan-grants.test.ts",
};

const invalidBodies = [
  { name: "malformed JSON", text: '{"name": ' },
  { name: "wrong shape", text: "[42]" },
];

const allRoutes = await mutatingRoutes();
const actionOf = (route: MutatingRoute) => route.action ?? sessionRouteActions[route.name];
const gatedRoutes = allRoutes.filter((route) => !(route.name in noRoleGate));

describe("a role that may not act gets 403 before its body is validated, and nothing changes", () => {
  let f: RouteFixtures;

  beforeAll(async () => {
    f = await createRouteFixtures("order");
  });
  afterAll(async () => {
    await closeJobEvents();
  });

  it("every mutating route either names its action or is listed as not role-gated (and the lists are current)", () => {
    const names = allRoutes.map((route) => route.name);
    const undeclared = gatedRoutes.filter((route) => actionOf(route) === undefined).map((route) => route.name);
    expect(undeclared).toEqual([]);
    for (const name of [...Object.keys(sessionRouteActions), ...Object.keys(noRoleGate)]) expect(names).toContain(name);
    expect(gatedRoutes.length).toBeGreaterThan(25);
  });

  const cases: { role: "GUEST" | "MEMBER"; user: (f: RouteFixtures) => TestUser }[] = [
    { role: "GUEST", user: (fx) => fx.guest },
    { role: "MEMBER", user: (fx) => fx.member },
  ];
  for (const route of gatedRoutes) {
    for (const { role, user } of cases) {
      const action = actionOf(route);
      // A MEMBER may create, edit and cancel books: only the actions their role lacks are walked.
      if (!action || rolePermissions[action].includes(role)) continue;
      it(`${route.name} as ${role} (${action}) → 403 FORBIDDEN`, async () => {
        const before = await everythingSnapshot(f);
        for (const body of invalidBodies) {
          const res = await send(route, f, {
            cookie: user(f).cookie,
            headers: { origin: new URL(env().APP_URL).origin, "content-type": "application/json" },
            body: body.text,
          });
          expect({ body: body.name, status: res.status, code: res.code }).toEqual({
            body: body.name,
            status: 403,
            code: "FORBIDDEN",
          });
        }
        expect(await everythingSnapshot(f)).toBe(before);
      });
    }
  }
});
