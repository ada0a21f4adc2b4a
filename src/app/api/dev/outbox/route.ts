import { outboxQuery, outboxResponse } from "@/contracts/outbox";
import { db } from "@/server/db/client";
import { listOutbox } from "@/server/email/list-outbox";
import { outboxViewer } from "@/server/email/outbox-access";
import { parseQuery } from "@/server/http/handle-route";
import { jsonRoute, reply } from "@/server/http/json-route";

export const dynamic = "force-dynamic";
export const GET = jsonRoute({ response: outboxResponse }, async (request) => {
  const viewer = await outboxViewer(request.headers);
  const { to } = parseQuery(request, outboxQuery);
  return reply({ emails: await listOutbox(db(), viewer, to) }, { headers: { "cache-control": "no-store" } });
});
