import { orgContext } from "@/server/auth/org-context";
import { handleRoute, parseBody } from "@/server/http/handle-route";
import { getStorageSettings } from "@/server/storage-settings/get-storage-settings";
import { resetStorageSettings } from "@/server/storage-settings/reset-storage-settings";
import { storageSettingsInput } from "@/server/storage-settings/storage-settings-input";
import { updateStorageSettings } from "@/server/storage-settings/update-storage-settings";

export const GET = handleRoute(async (request) => Response.json(await getStorageSettings(await orgContext(request))));

export const PUT = handleRoute(async (request) => {
  const ctx = await orgContext(request, "settings:update");
  const input = await parseBody(request, storageSettingsInput);
  return Response.json(await updateStorageSettings(ctx, input));
});

/** Back to the platform default storage. */
export const DELETE = handleRoute(async (request) =>
  Response.json(await resetStorageSettings(await orgContext(request))),
);
