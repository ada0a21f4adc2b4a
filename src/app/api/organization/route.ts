import {
  deleteOrganizationBody,
  organizationResponse,
  renamedOrganizationResponse,
  updateOrganizationBody,
} from "@/contracts/organizations";
import { orgContext } from "@/server/auth/org-context";
import { parseBody } from "@/server/http/handle-route";
import { jsonRoute, noContentRoute } from "@/server/http/json-route";
import { deleteOrganization } from "@/server/orgs/delete-organization";
import { getOrganization } from "@/server/orgs/get-organization";
import { updateOrganization } from "@/server/orgs/update-organization";

export const GET = jsonRoute({ response: organizationResponse }, async (request) =>
  getOrganization(await orgContext(request)),
);

export const PATCH = jsonRoute({ response: renamedOrganizationResponse }, async (request) => {
  const ctx = await orgContext(request, "org:update");
  const input = await parseBody(request, updateOrganizationBody);
  return { organization: await updateOrganization(ctx, input) };
});

export const DELETE = noContentRoute(async (request) => {
  const ctx = await orgContext(request, "org:delete");
  await deleteOrganization(ctx, await parseBody(request, deleteOrganizationBody));
});
