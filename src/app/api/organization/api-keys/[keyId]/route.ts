import { updateApiKeyInput, updatedApiKeySchema } from "@/contracts/api-keys";
import { revokeApiKey } from "@/server/api-keys/revoke-api-key";
import { updateApiKey } from "@/server/api-keys/update-api-key";
import { orgContext } from "@/server/auth/org-context";
import { parseBody } from "@/server/http/handle-route";
import { jsonRoute, noContentRoute } from "@/server/http/json-route";

type Params = { params: Promise<{ keyId: string }> };

export const PATCH = jsonRoute({ response: updatedApiKeySchema }, async (request, { params }: Params) => {
  const ctx = await orgContext(request, "apikey:manage");
  return { apiKey: await updateApiKey(ctx, (await params).keyId, await parseBody(request, updateApiKeyInput)) };
});

export const DELETE = noContentRoute(async (request, { params }: Params) => {
  await revokeApiKey(await orgContext(request), (await params).keyId);
});
