import { openApiDocument } from "@/server/public-api/openapi-document";

// Public (no key needed): the contract is not a secret, and SDK generators fetch it anonymously.
export const GET = () => Response.json(openApiDocument(), { headers: { "cache-control": "public, max-age=300" } });
