import { engineSettingsSchema, updateEngineSettingsInput } from "@/contracts/engine-settings";
import { orgContext } from "@/server/auth/org-context";
import { getEngineSettings } from "@/server/books/get-engine-settings";
import { updateEngineSettings } from "@/server/books/update-engine-settings";
import { parseBody } from "@/server/http/handle-route";
import { jsonRoute } from "@/server/http/json-route";

export const GET = jsonRoute({ response: engineSettingsSchema }, async (request) =>
  getEngineSettings(await orgContext(request)),
);

export const PUT = jsonRoute({ response: engineSettingsSchema }, async (request) => {
  const ctx = await orgContext(request, "settings:update");
  return updateEngineSettings(ctx, await parseBody(request, updateEngineSettingsInput));
});
