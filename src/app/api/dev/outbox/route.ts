import { z } from "zod";
import { db } from "@/server/db/client";
import { listOutbox } from "@/server/email/list-outbox";
import { handleRoute, parseQuery } from "@/server/http/handle-route";

const outboxQuery = z.object({ to: z.string().optional() });

export const dynamic = "force-dynamic";
export const GET = handleRoute(async (request) =>
  Response.json({ emails: await listOutbox(db(), parseQuery(request, outboxQuery).to) }),
);
