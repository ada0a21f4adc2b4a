import { db } from "@/server/db/client";
import { listOutbox } from "@/server/email/list-outbox";
import { handleRoute } from "@/server/http/handle-route";

export const dynamic = "force-dynamic";
export const GET = handleRoute(async (request) =>
  Response.json({ emails: await listOutbox(db(), new URL(request.url).searchParams.get("to")) }),
);
