import { afterAll, describe, expect, it } from "vitest";
import type { Db } from "@/server/db/client";
import { isolatedBoss } from "../../tests/support/queue/isolated-boss";
import { EXPIRE_INVITATIONS_JOB } from "./maintenance-queues";
import { registerHandlers } from "./register-handlers";

describe("registerHandlers", () => {
  const { boss, drop } = isolatedBoss("pgboss_test");
  afterAll(drop);

  it("schedules invitation expiry and runs the use case per job", { timeout: 30_000 }, async () => {
    // The handler's only collaborator is the invitation table; this stand-in records the call so the test
    // never expires invitations that other tests left in the shared database.
    const calls: unknown[] = [];
    const db = {
      invitation: {
        updateMany: async (args: unknown) => {
          calls.push(args);
          return { count: 3 };
        },
      },
    } as unknown as Db;
    const logged: string[] = [];

    await boss.start();
    const queues = await registerHandlers(boss, { db, log: (line) => logged.push(line) });
    expect(queues).toContain(EXPIRE_INVITATIONS_JOB);

    const schedules = await boss.getSchedules();
    // Other maintenance jobs may be scheduled too; this one must be, every 15 minutes in UTC.
    expect(schedules).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: EXPIRE_INVITATIONS_JOB, cron: "*/15 * * * *", timezone: "UTC" }),
      ]),
    );

    const jobId = await boss.send(EXPIRE_INVITATIONS_JOB, {});
    await expect
      .poll(async () => (await boss.getJobById(EXPIRE_INVITATIONS_JOB, jobId!))?.state, { timeout: 15_000 })
      .toBe("completed");
    expect(calls).toEqual([
      { where: { status: "PENDING", expiresAt: { lte: expect.any(Date) } }, data: { status: "EXPIRED" } },
    ]);
    expect(logged).toEqual([`${EXPIRE_INVITATIONS_JOB}: 3 invitation(s) expired`]);
  });
});
