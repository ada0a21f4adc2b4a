import { storageConnectionResultSchema } from "@/contracts/storage-settings";
import { orgContext } from "@/server/auth/org-context";
import { parseBody } from "@/server/http/handle-route";
import { jsonRoute } from "@/server/http/json-route";
import { testStorageConnection, testStorageConnectionInput } from "@/server/storage-settings/test-storage-connection";

/** 200 `{ ok: true, … }` or `{ ok: false, step, error }`: a failing bucket is an answer, not an HTTP error. */
export const POST = jsonRoute({ response: storageConnectionResultSchema }, async (request) => {
  const ctx = await orgContext(request, "settings:update");
  return testStorageConnection(ctx, await parseBody(request, testStorageConnectionInput));
});
