import { describe, expect, it } from "vitest";
import type { OrgRole } from "@/generated/prisma/enums";
import { AppError } from "@/server/errors";
import {
  type Actor,
  assertCan,
  assignableRoles,
  can,
  orgActions,
  rolePermissions,
  scopePermissions,
} from "./permissions";

const roles: OrgRole[] = ["OWNER", "ADMIN", "MEMBER", "GUEST"];
const actor = (orgRole: OrgRole, extra: Partial<Actor> = {}): Actor => ({
  userId: "u1",
  organizationId: "o1",
  orgRole,
  userRole: "USER",
  via: "session",
  scopes: [],
  ...extra,
});

// The expected matrix, written out independently of the implementation: O=owner A=admin M=member G=guest.
const expected: Record<(typeof orgActions)[number], string> = {
  "org:read": "OAMG",
  "org:update": "OA",
  "org:delete": "O",
  "member:list": "OAMG",
  "member:invite": "OA",
  "member:update_role": "OA",
  "member:remove": "OA",
  "invitation:list": "OA",
  "invitation:cancel": "OA",
  "activity:read": "OA",
  "settings:update": "OA",
  "apikey:manage": "OA",
  "billing:read": "OA",
  "billing:manage": "O",
  "usage:read": "OAM",
  "book:read": "OAMG",
  "book:create": "OAM",
  "book:update": "OAM",
  "book:delete": "OA",
  "job:read": "OAMG",
  "job:cancel": "OAM",
  "format:download": "OAMG",
  "correction:read": "OAMG",
  "correction:check": "OAM",
  "correction:resolve": "OAM",
  "collaborator:read": "OAMG",
  "collaborator:manage": "OA",
  "comment:read": "OAMG",
  "comment:create": "OAM",
  "comment:resolve": "OAM",
  "suggestion:create": "OAM",
  "revision:read": "OAMG",
  "revision:update": "OAM",
};

describe("permission matrix", () => {
  it("covers every action exactly once", () => {
    expect(Object.keys(rolePermissions).sort()).toEqual([...orgActions].sort());
    expect(Object.keys(expected).sort()).toEqual([...orgActions].sort());
  });

  for (const action of orgActions) {
    for (const role of roles) {
      const allowed = expected[action].includes(role[0]!);
      it(`${role} ${allowed ? "may" : "may not"} ${action}`, () => {
        expect(can(actor(role), action)).toBe(allowed);
        if (allowed) expect(() => assertCan(actor(role), action)).not.toThrow();
        else {
          const error = (() => {
            try {
              assertCan(actor(role), action);
            } catch (e) {
              return e;
            }
          })();
          expect(error).toBeInstanceOf(AppError);
          expect((error as AppError).status).toBe(403);
          expect((error as AppError).code).toBe("FORBIDDEN");
        }
      });
    }
  }

  it("limits API keys to their scopes, within the role's rights", () => {
    const reader = actor("OWNER", { via: "apiKey", scopes: ["books:read"] });
    expect(can(reader, "book:read")).toBe(true);
    expect(can(reader, "book:create")).toBe(false);
    expect(can(reader, "member:invite")).toBe(false);
    const writer = actor("OWNER", { via: "apiKey", scopes: ["books:read", "books:write"] });
    expect(can(writer, "book:create")).toBe(true);
    expect(can(writer, "org:delete")).toBe(false);
    const guestWriter = actor("GUEST", { via: "apiKey", scopes: ["books:write"] });
    expect(can(guestWriter, "book:create")).toBe(false);
    expect(can(actor("OWNER", { via: "apiKey", scopes: ["unknown:scope"] }), "book:read")).toBe(false);
    for (const actions of Object.values(scopePermissions)) {
      for (const action of actions) expect(orgActions).toContain(action);
    }
  });

  it("refuses a missing scope with INSUFFICIENT_SCOPE and a role that cannot with FORBIDDEN", () => {
    const codeOf = (fn: () => void) => {
      try {
        fn();
      } catch (e) {
        return [(e as AppError).status, (e as AppError).code];
      }
      return null;
    };
    const reader = actor("OWNER", { via: "apiKey", scopes: ["books:read"] });
    expect(codeOf(() => assertCan(reader, "book:create"))).toEqual([403, "INSUFFICIENT_SCOPE"]);
    expect(codeOf(() => assertCan(reader, "book:read"))).toBeNull();
    const guestWriter = actor("GUEST", { via: "apiKey", scopes: ["books:write"] });
    expect(codeOf(() => assertCan(guestWriter, "book:create"))).toEqual([403, "FORBIDDEN"]);
    // A session never needs scopes.
    expect(codeOf(() => assertCan(actor("MEMBER"), "book:create"))).toBeNull();
  });

  it("lets only owners grant ownership", () => {
    expect(assignableRoles("OWNER")).toEqual(["OWNER", "ADMIN", "MEMBER", "GUEST"]);
    expect(assignableRoles("ADMIN")).toEqual(["ADMIN", "MEMBER", "GUEST"]);
    expect(assignableRoles("MEMBER")).toEqual([]);
    expect(assignableRoles("GUEST")).toEqual([]);
  });
});
