import { db } from "@/server/db/client";
import { serveLocalFile } from "@/server/formats/serve-local-file";
import { handleRoute } from "@/server/http/handle-route";

// LOCAL storage downloads; see serveLocalFile for why the signature authorizes and a session narrows it.
export const GET = handleRoute(async (request) => serveLocalFile(db(), request), { contract: { kind: "file" } });
