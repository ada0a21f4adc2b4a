import { afterAll, beforeAll } from "vitest";
import { POST as crewWebhookRoute } from "@/app/api/webhooks/crewai/[jobId]/route";
import { db } from "@/server/db/client";
import { type CrewAiFake, startCrewAiFake } from "../fakes/crewai-fake";
import { createOrgWithMember } from "./books";
import { startRouteServer } from "./route-server";

/**
 * What a CrewAI pipeline test file needs: the crew platform's fake, the webhook route served over HTTP for
 * the fake to post to (both started before the file's tests and closed after them), and organizations
 * whose default engine is a crew on that fake.
 */
export function crewPipelineSuite() {
  let running: { fake: CrewAiFake; app: Awaited<ReturnType<typeof startRouteServer>> } | undefined;
  beforeAll(async () => {
    running = {
      fake: await startCrewAiFake(),
      app: await startRouteServer("/api/webhooks/crewai/:jobId", crewWebhookRoute),
    };
  });
  afterAll(async () => {
    await running?.fake.close();
    await running?.app.close();
    await db().$disconnect();
  });
  const started = () => {
    if (!running) throw new Error("the CrewAI fake is used outside its suite's tests");
    return running;
  };
  const fake = () => started().fake;
  const app = () => started().app;
  /** An organization (with an OWNER) whose default engine is the fake's crew, polled every `pollIntervalMs`. */
  const crewOrg = (label: string, pollIntervalMs = 20) =>
    createOrgWithMember(label, "OWNER", {
      settings: { defaultEngine: "crewai", crewai: { baseUrl: fake().url, pollIntervalMs, retryBaseDelayMs: 10 } },
      secrets: { crewaiToken: "crew-token" },
    });
  return { fake, app, crewOrg };
}
