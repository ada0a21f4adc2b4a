import { createApiKey, createApiKeyInput } from "@/server/api-keys/create-api-key";
import { listApiKeys } from "@/server/api-keys/list-api-keys";
import { orgContext } from "@/server/auth/org-context";
import { handleRoute, parseBody } from "@/server/http/handle-route";

export const GET = handleRoute(async (request) =>
  Response.json({ apiKeys: await listApiKeys(await orgContext(request)) }),
);

// The secret is in this response only; it is never stored nor shown again.
export const POST = handleRoute(async (request) => {
  const ctx = await orgContext(request, "apikey:manage");
  const created = await createApiKey(ctx, await parseBody(request, createApiKeyInput));
  return Response.json(created, { status: 201, headers: { "cache-control": "no-store" } });
});
