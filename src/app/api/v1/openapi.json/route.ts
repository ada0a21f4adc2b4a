import { jsonRoute, reply } from "@/server/http/json-route";
import { openApiDocument, openApiDocumentSchema } from "@/server/public-api/openapi-document";

// Public (no key needed): the contract is not a secret, and SDK generators fetch it anonymously.
export const GET = jsonRoute({ response: openApiDocumentSchema }, async () =>
  reply(openApiDocument(), { headers: { "cache-control": "public, max-age=300" } }),
);
