import { orgContext } from "@/server/auth/org-context";
import { getEngineSettings } from "@/server/books/get-engine-settings";
import { updateEngineSettings, updateEngineSettingsInput } from "@/server/books/update-engine-settings";
import { handleRoute, parseBody } from "@/server/http/handle-route";

export const GET = handleRoute(async (request) => Response.json(await getEngineSettings(await orgContext(request))));

export const PUT = handleRoute(async (request) => {
  const ctx = await orgContext(request, "settings:update");
  const input = await parseBody(request, updateEngineSettingsInput);
  return Response.json(await updateEngineSettings(ctx, input));
});
