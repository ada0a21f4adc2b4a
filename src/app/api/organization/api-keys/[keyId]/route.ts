import { revokeApiKey } from "@/server/api-keys/revoke-api-key";
import { updateApiKey, updateApiKeyInput } from "@/server/api-keys/update-api-key";
import { orgContext } from "@/server/auth/org-context";
import { handleRoute, noContent, parseBody } from "@/server/http/handle-route";

type Params = { params: Promise<{ keyId: string }> };

export const PATCH = handleRoute(async (request, { params }: Params) => {
  const ctx = await orgContext(request, "apikey:manage");
  const apiKey = await updateApiKey(ctx, (await params).keyId, await parseBody(request, updateApiKeyInput));
  return Response.json({ apiKey });
});

export const DELETE = handleRoute(async (request, { params }: Params) => {
  await revokeApiKey(await orgContext(request), (await params).keyId);
  return noContent();
});
