import { afterAll, describe, expect, it } from "vitest";
import { createDb } from "@/server/db/client";
import { expireInvitations } from "./expire-invitations";

const db = createDb();

describe("expireInvitations", () => {
  afterAll(() => db.$disconnect());

  it("expires only PENDING invitations whose expiry has passed", async () => {
    const organization = await db.organization.create({
      data: { name: "Expiry Press", slug: `expiry-${Date.now()}-${Math.random().toString(36).slice(2, 8)}` },
    });
    // A clock in the year 2000 so that rows other tests leave in the shared database are never due.
    const now = new Date("2000-06-01T12:00:00Z");
    const hourAgo = new Date(now.getTime() - 3_600_000);
    const inAnHour = new Date(now.getTime() + 3_600_000);
    const make = (email: string, status: "PENDING" | "ACCEPTED" | "CANCELED", expiresAt: Date) =>
      db.invitation.create({ data: { organizationId: organization.id, email, status, expiresAt } });

    const due = await make("due@example.com", "PENDING", hourAgo);
    const dueNow = await make("due-now@example.com", "PENDING", now);
    const notYet = await make("later@example.com", "PENDING", inAnHour);
    const accepted = await make("accepted@example.com", "ACCEPTED", hourAgo);
    const canceled = await make("canceled@example.com", "CANCELED", hourAgo);

    expect(await expireInvitations(db, now)).toBe(2);

    const statuses = Object.fromEntries(
      (await db.invitation.findMany({ where: { organizationId: organization.id } })).map((i) => [i.id, i.status]),
    );
    expect(statuses).toEqual({
      [due.id]: "EXPIRED",
      [dueNow.id]: "EXPIRED",
      [notYet.id]: "PENDING",
      [accepted.id]: "ACCEPTED",
      [canceled.id]: "CANCELED",
    });

    // Running again finds nothing left to do.
    expect(await expireInvitations(db, now)).toBe(0);
  });
});
