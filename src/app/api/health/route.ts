import { healthResponse } from "@/contracts/health";
import { db } from "@/server/db/client";
import { jsonRoute, reply } from "@/server/http/json-route";

export const dynamic = "force-dynamic";
export const GET = jsonRoute({ response: healthResponse }, async () => {
  try {
    await db().$queryRaw`SELECT 1`;
    return { ok: true as const };
  } catch {
    return reply({ ok: false as const, error: { code: "DATABASE_UNAVAILABLE" as const } }, { status: 503 });
  }
});
