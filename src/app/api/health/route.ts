import { db } from "@/server/db/client";

export const dynamic = "force-dynamic";
export async function GET() {
  try {
    await db().$queryRaw`SELECT 1`;
    return Response.json({ ok: true });
  } catch {
    return Response.json({ ok: false, error: { code: "DATABASE_UNAVAILABLE" } }, { status: 503 });
  }
}
