import { storageSettingsSavedSchema, storageSettingsSchema } from "@/contracts/storage-settings";
import { orgContext } from "@/server/auth/org-context";
import { parseBody } from "@/server/http/handle-route";
import { jsonRoute } from "@/server/http/json-route";
import { getStorageSettings } from "@/server/storage-settings/get-storage-settings";
import { resetStorageSettings } from "@/server/storage-settings/reset-storage-settings";
import { storageSettingsInput } from "@/server/storage-settings/storage-settings-input";
import { updateStorageSettings } from "@/server/storage-settings/update-storage-settings";

export const GET = jsonRoute({ response: storageSettingsSchema }, async (request) =>
  getStorageSettings(await orgContext(request)),
);

export const PUT = jsonRoute({ response: storageSettingsSavedSchema }, async (request) => {
  const ctx = await orgContext(request, "settings:update");
  return updateStorageSettings(ctx, await parseBody(request, storageSettingsInput));
});

/** Back to the platform default storage. */
export const DELETE = jsonRoute({ response: storageSettingsSavedSchema }, async (request) =>
  resetStorageSettings(await orgContext(request)),
);
