import { orgContext } from "@/server/auth/org-context";
import { handleRoute, noContent, parseBody } from "@/server/http/handle-route";
import { deleteOrganization, deleteOrganizationInput } from "@/server/orgs/delete-organization";
import { getOrganization } from "@/server/orgs/get-organization";
import { updateOrganization, updateOrganizationInput } from "@/server/orgs/update-organization";

export const GET = handleRoute(async (request) => Response.json(await getOrganization(await orgContext(request))));

export const PATCH = handleRoute(async (request) => {
  const ctx = await orgContext(request, "org:update");
  const input = await parseBody(request, updateOrganizationInput);
  return Response.json({ organization: await updateOrganization(ctx, input) });
});

export const DELETE = handleRoute(async (request) => {
  const ctx = await orgContext(request, "org:delete");
  await deleteOrganization(ctx, await parseBody(request, deleteOrganizationInput));
  return noContent();
});
