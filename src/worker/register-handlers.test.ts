import { afterAll, describe, expect, it } from "vitest";
import type { Db } from "@/server/db/client";
import { isolatedBoss } from "../../tests/support/queue/isolated-boss";
import { EXPIRE_INVITATIONS_JOB } from "./maintenance-queues";
import { registerHandlers } from "./register-handlers";

describe("registerHandlers", () => {
  const { boss, drop } = isolatedBoss("pgboss_test");
  afterAll(drop);

  it("schedules invitation expiry and runs the use cases per job", { timeout: 30_000 }, async () => {
    // The handler's only collaborators are the organization and book invitation tables; this stand-in records
    // the calls so the test never expires invitations that other tests left in the shared database.
    const calls: unknown[] = [];
    const recorder = (count: number) => ({
      updateMany: async (args: unknown) => {
        calls.push(args);
        return { count };
      },
    });
    const db = { invitation: recorder(3), bookCollaborator: recorder(2) } as unknown as Db;
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
    const expiry = { where: { status: "PENDING", expiresAt: { lte: expect.any(Date) } }, data: { status: "EXPIRED" } };
    expect(calls).toEqual([expiry, expiry]);
    expect(logged).toEqual([
      `${EXPIRE_INVITATIONS_JOB}: 3 invitation(s) expired`,
      `${EXPIRE_INVITATIONS_JOB}: 2 book invitation(s) expired`,
    ]);
  });
});
