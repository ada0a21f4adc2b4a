import { handleRoute } from "@/server/http/handle-route";
import { apiReferencePage } from "@/server/public-api/api-reference-page";
import { openApiDocument } from "@/server/public-api/openapi-document";

// The human-readable reference, rendered on the server from the same document as openapi.json.
export const GET = handleRoute(
  async () =>
    new Response(apiReferencePage(openApiDocument()), {
      headers: { "content-type": "text/html; charset=utf-8", "cache-control": "public, max-age=300" },
    }),
  { contract: { kind: "html" } },
);
