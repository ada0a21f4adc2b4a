import {
  createdOrganizationResponse,
  createOrganizationBody,
  myOrganizationsResponse,
} from "@/contracts/organizations";
import { userContext } from "@/server/auth/session";
import { parseBody } from "@/server/http/handle-route";
import { jsonRoute } from "@/server/http/json-route";
import { createOrganization } from "@/server/orgs/create-organization";
import { listMyOrganizations } from "@/server/orgs/list-my-organizations";

export const GET = jsonRoute({ response: myOrganizationsResponse }, async (request) => ({
  organizations: await listMyOrganizations(await userContext(request)),
}));

export const POST = jsonRoute({ response: createdOrganizationResponse, status: 201 }, async (request) => {
  const ctx = await userContext(request);
  const input = await parseBody(request, createOrganizationBody);
  return { organization: await createOrganization(ctx, input) };
});
