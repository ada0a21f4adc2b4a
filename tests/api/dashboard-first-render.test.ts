// The dashboard's first render (src/app/app/_server/load-dashboard.ts): the server reads the usage card and
// the shelf's first page with the member's own context, so each role gets what the API would give it, and
// nothing of another organization.
import { beforeAll, describe, expect, it } from "vitest";
import { readDashboard } from "@/app/app/_server/load-dashboard";
import { SHELF_PAGE_SIZE } from "@/components/books/shelf-query";
import type { OrgRole } from "@/generated/prisma/enums";
import { db } from "@/server/db/client";
import { listBooks } from "@/server/books/list-books";
import { createOrgWithMember, seedCompletedBook } from "../helpers/books";
import { sessionCtx } from "../helpers/session-ctx";

let owner: Awaited<ReturnType<typeof createOrgWithMember>>;
let other: Awaited<ReturnType<typeof createOrgWithMember>>;
let lighthouseBookId: string;
let harbourBookId: string;

/** A user of the owner's organization with `role`, and their context. */
async function memberCtx(role: OrgRole) {
  const user = await db().user.create({
    data: { name: `Dashboard ${role}`, email: `dashboard-${role.toLowerCase()}-${Date.now()}@example.test` },
  });
  await db().organizationMember.create({ data: { organizationId: owner.org.id, userId: user.id, role } });
  return sessionCtx(db(), { userId: user.id, organizationId: owner.org.id, role });
}

beforeAll(async () => {
  owner = await createOrgWithMember("dashboard-owner");
  other = await createOrgWithMember("dashboard-other");
  const topic = { topic: "coasts", goal: "read" };
  lighthouseBookId = (await seedCompletedBook(owner.org.id, owner.user.id, { title: "Lighthouse Keepers", ...topic }))
    .bookId;
  harbourBookId = (await seedCompletedBook(owner.org.id, owner.user.id, { title: "Harbour Walls", ...topic })).bookId;
  await seedCompletedBook(other.org.id, other.user.id, { title: "Lighthouse of Another Press", ...topic });
});

describe("the dashboard's first render", () => {
  it("gives an owner the plan's usage and the organization's own books, newest first", async () => {
    const data = await readDashboard(owner.ctx, "");
    expect(data.organizationId).toBe(owner.org.id);
    expect(data.usage && "overview" in data.usage ? data.usage.overview.plan.id : null).toBe("FREE");
    expect(data.shelf?.query).toBe("");
    expect(data.shelf?.page.items.map((book) => book.id)).toEqual([harbourBookId, lighthouseBookId]);
    // The same page the browser would ask GET /api/books?limit=24 for.
    expect(data.shelf?.page).toEqual(await listBooks(owner.ctx, { limit: SHELF_PAGE_SIZE }));
  });

  it("answers the address's search, still inside the organization", async () => {
    const data = await readDashboard(owner.ctx, "lighthouse");
    expect(data.shelf?.query).toBe("lighthouse");
    expect(data.shelf?.page.items.map((book) => book.id)).toEqual([lighthouseBookId]);
  });

  it("gives a member this month's counts, not the plan's billing", async () => {
    const data = await readDashboard(await memberCtx("MEMBER"), "");
    expect(data.usage && "history" in data.usage ? data.usage.history.months.length : null).toBe(1);
    expect(data.usage && "overview" in data.usage).toBe(false);
    expect(data.shelf?.page.items).toHaveLength(2);
  });

  it("gives a guest no usage at all", async () => {
    const data = await readDashboard(await memberCtx("GUEST"), "");
    expect(data.usage).toBeNull();
  });
});
