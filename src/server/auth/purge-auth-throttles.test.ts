import { afterAll, describe, expect, it } from "vitest";
import { createDb } from "@/server/db/client";
import { purgeAuthThrottles } from "./purge-auth-throttles";

const db = createDb();

describe("purgeAuthThrottles", () => {
  afterAll(() => db.$disconnect());

  it("deletes only counters whose window is over and whose lock (if any) has expired", async () => {
    // A clock in the year 2000, so that counters other tests leave in the shared database are never due.
    const now = new Date("2000-06-01T12:00:00Z");
    const ago = (minutes: number) => new Date(now.getTime() - minutes * 60_000);
    const tag = `purge-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;
    const rows = {
      staleUnlocked: { windowStart: ago(61), lockedUntil: null },
      staleLockExpired: { windowStart: ago(120), lockedUntil: ago(5) },
      staleStillLocked: { windowStart: ago(120), lockedUntil: new Date(now.getTime() + 5 * 60_000) },
      emailWindowOpen: { windowStart: ago(59), lockedUntil: null },
      recent: { windowStart: ago(1), lockedUntil: null },
    };
    for (const [name, fields] of Object.entries(rows)) {
      await db.authThrottle.create({ data: { key: `${tag}:${name}`, failures: 3, ...fields } });
    }

    expect(await purgeAuthThrottles(db, now)).toBe(2);

    const left = await db.authThrottle.findMany({ where: { key: { startsWith: `${tag}:` } }, orderBy: { key: "asc" } });
    expect(left.map((row) => row.key.slice(tag.length + 1))).toEqual(["emailWindowOpen", "recent", "staleStillLocked"]);
    await db.authThrottle.deleteMany({ where: { key: { startsWith: `${tag}:` } } });
  });
});
