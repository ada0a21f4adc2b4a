import { apiKeyListSchema, createApiKeyInput, createdApiKeySchema } from "@/contracts/api-keys";
import { createApiKey } from "@/server/api-keys/create-api-key";
import { listApiKeys } from "@/server/api-keys/list-api-keys";
import { orgContext } from "@/server/auth/org-context";
import { parseBody } from "@/server/http/handle-route";
import { jsonRoute, reply } from "@/server/http/json-route";

export const GET = jsonRoute({ response: apiKeyListSchema }, async (request) => ({
  apiKeys: await listApiKeys(await orgContext(request)),
}));

// The secret is in this response only; it is never stored nor shown again.
export const POST = jsonRoute({ response: createdApiKeySchema, status: 201 }, async (request) => {
  const ctx = await orgContext(request, "apikey:manage");
  const created = await createApiKey(ctx, await parseBody(request, createApiKeyInput));
  return reply(created, { headers: { "cache-control": "no-store" } });
});
