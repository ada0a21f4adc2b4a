import { z } from "zod";
import { db } from "@/server/db/client";
import { listOutbox } from "@/server/email/list-outbox";
import { outboxViewer } from "@/server/email/outbox-access";
import { handleRoute, parseQuery } from "@/server/http/handle-route";

const outboxQuery = z.object({ to: z.string().optional() });

export const dynamic = "force-dynamic";
export const GET = handleRoute(async (request) => {
  const viewer = await outboxViewer(request.headers);
  const { to } = parseQuery(request, outboxQuery);
  return Response.json({ emails: await listOutbox(db(), viewer, to) }, { headers: { "cache-control": "no-store" } });
});
