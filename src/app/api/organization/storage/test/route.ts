import { orgContext } from "@/server/auth/org-context";
import { handleRoute, parseBody } from "@/server/http/handle-route";
import { testStorageConnection, testStorageConnectionInput } from "@/server/storage-settings/test-storage-connection";

/** 200 `{ ok: true, … }` or `{ ok: false, step, error }`: a failing bucket is an answer, not an HTTP error. */
export const POST = handleRoute(async (request) => {
  const ctx = await orgContext(request, "settings:update");
  const input = await parseBody(request, testStorageConnectionInput);
  return Response.json(await testStorageConnection(ctx, input));
});
