import { describe, expect, it } from "vitest";
import type { OrgRole } from "@/generated/prisma/enums";
import { AppError } from "@/server/errors";
import {
  type Actor,
  assertCan,
  assignableRoles,
  type BookRole,
  bookActions,
  bookRoleOfOrgRole,
  bookRolePermissions,
  bookRoles,
  bookScope,
  can,
  defaultBookPermissions,
  higherBookRole,
  memberRole,
  orgActions,
  resolveBookPermissions,
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

// The book matrix (issue 16), written out independently: V=viewer C=commenter E=editor A=admin. Lower-case
// letters are granted only while the person's permission governing that action is on.
const expectedBook: Record<string, string> = {
  "book:read": "VCEA",
  "job:read": "VCEA",
  "comment:read": "VCEA",
  "collaborator:read": "VCEA",
  "format:download": "vcea",
  "revision:read": "vcea",
  "correction:read": "vcea",
  "comment:create": "CEA",
  "suggestion:create": "CEA",
  "book:update": "EA",
  "comment:resolve": "EA",
  "correction:check": "ea",
  "correction:resolve": "ea",
  "revision:update": "ea",
  "collaborator:manage": "A",
};
const governedBy: Record<string, "download" | "history" | "corrections"> = {
  "format:download": "download",
  "revision:read": "history",
  "revision:update": "history",
  "correction:read": "corrections",
  "correction:check": "corrections",
  "correction:resolve": "corrections",
};
const allOn = { download: true, history: true, corrections: true };
const allOff = { download: false, history: false, corrections: false };
/** A collaborator who is not a member: only their book role counts. */
const collaborator = (role: BookRole, permissions = allOn, extra: Partial<Actor> = {}): Actor =>
  actor("GUEST", { orgRole: null, book: { bookId: "b1", role, permissions, confined: true }, ...extra });

describe("book matrix", () => {
  it("covers exactly the book actions, each an organization action", () => {
    expect(Object.keys(bookRolePermissions).sort()).toEqual(Object.keys(expectedBook).sort());
    for (const action of bookActions) expect(orgActions).toContain(action);
  });

  for (const [action, letters] of Object.entries(expectedBook)) {
    for (const role of bookRoles) {
      const granted = letters.toUpperCase().includes(role[0]!);
      const toggled = letters !== letters.toUpperCase();
      it(`a ${role} ${granted ? "may" : "may not"} ${action}${toggled ? " (with its permission on)" : ""}`, () => {
        const a = action as (typeof orgActions)[number];
        expect(can(collaborator(role, allOn), a)).toBe(granted);
        if (toggled) expect(can(collaborator(role, allOff), a)).toBe(false);
        else expect(can(collaborator(role, allOff), a)).toBe(granted);
        if (granted && toggled) {
          const only = { ...allOff, [governedBy[action]!]: true };
          expect(can(collaborator(role, only), a)).toBe(true);
        }
      });
    }
  }

  it("gives a collaborator nothing of the organization", () => {
    const nonBook = orgActions.filter((a) => !(bookActions as readonly string[]).includes(a));
    expect(nonBook).toEqual(
      expect.arrayContaining(["member:list", "billing:read", "activity:read", "apikey:manage", "book:create"]),
    );
    for (const action of nonBook) {
      expect(can(collaborator("ADMIN"), action)).toBe(false);
      expect(() => assertCan(collaborator("ADMIN"), action)).toThrow(AppError);
    }
    expect(() => memberRole(collaborator("ADMIN"))).toThrow(AppError);
  });

  it("defaults: a VIEWER neither downloads nor sees history or corrections; a COMMENTER sees both; EDITOR and ADMIN everything", () => {
    expect(defaultBookPermissions).toEqual({
      VIEWER: { download: false, history: false, corrections: false },
      COMMENTER: { download: false, history: true, corrections: true },
      EDITOR: { download: true, history: true, corrections: true },
      ADMIN: { download: true, history: true, corrections: true },
    });
    expect(resolveBookPermissions("VIEWER", { download: true, bogus: true, history: "yes" })).toEqual({
      download: true,
      history: false,
      corrections: false,
    });
    expect(resolveBookPermissions("EDITOR", null)).toEqual(allOn);
    expect(resolveBookPermissions("EDITOR", [true])).toEqual(allOn);
  });

  it("maps organization roles to book roles, and each never grants on a book less than its book role would", () => {
    expect(bookRoleOfOrgRole).toEqual({ OWNER: "ADMIN", ADMIN: "ADMIN", MEMBER: "EDITOR", GUEST: "VIEWER" });
    // "The higher of the two" is the union of both rights because of this: an organization role allows
    // every book action its equivalent book role (with that role's defaults) allows.
    for (const orgRole of roles) {
      const equivalent = bookRoleOfOrgRole[orgRole];
      for (const action of bookActions) {
        if (can(collaborator(equivalent, defaultBookPermissions[equivalent]), action)) {
          expect(can(actor(orgRole), action), `${orgRole} ${action}`).toBe(true);
        }
      }
    }
  });

  it("a member who is also a collaborator gets the higher of the two", () => {
    const guestEditor = actor("GUEST", { book: { bookId: "b1", role: "EDITOR", permissions: allOn, confined: false } });
    expect(can(guestEditor, "book:update")).toBe(true);
    expect(can(guestEditor, "member:list")).toBe(true);
    expect(can(guestEditor, "book:create")).toBe(false);
    const memberViewer = actor("MEMBER", {
      book: { bookId: "b1", role: "VIEWER", permissions: allOff, confined: false },
    });
    expect(can(memberViewer, "format:download")).toBe(true);
    expect(can(memberViewer, "book:update")).toBe(true);
    expect(higherBookRole("VIEWER", "EDITOR")).toBe("EDITOR");
    expect(higherBookRole("ADMIN", "COMMENTER")).toBe("ADMIN");
    expect(higherBookRole(null, "COMMENTER")).toBe("COMMENTER");
    expect(higherBookRole(null, null)).toBeNull();
  });

  it("API keys stay organization-level: a key never acts through a book role", () => {
    const key = collaborator("ADMIN", allOn, { via: "apiKey", scopes: ["books:read", "books:write"] });
    expect(can(key, "book:read")).toBe(false);
  });

  it("confines a collaborator's lookups to their one book", () => {
    expect(bookScope(collaborator("EDITOR"))).toEqual({ organizationId: "o1", id: "b1" });
    expect(bookScope(actor("OWNER"))).toEqual({ organizationId: "o1" });
    const member = actor("MEMBER", { book: { bookId: "b1", role: "ADMIN", permissions: allOn, confined: false } });
    expect(bookScope(member)).toEqual({ organizationId: "o1" });
  });
});
