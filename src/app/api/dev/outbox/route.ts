import { db } from "@/server/db/client";
import { listOutbox } from "@/server/email/list-outbox";
import { outboxViewer } from "@/server/email/outbox-access";
import { handleRoute } from "@/server/http/handle-route";

export const dynamic = "force-dynamic";
export const GET = handleRoute(async (request) => {
  const viewer = await outboxViewer(request.headers);
  const to = new URL(request.url).searchParams.get("to");
  return Response.json({ emails: await listOutbox(db(), viewer, to) }, { headers: { "cache-control": "no-store" } });
});
