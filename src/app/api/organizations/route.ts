import { userContext } from "@/server/auth/session";
import { handleRoute, parseBody } from "@/server/http/handle-route";
import { createOrganization, createOrganizationInput } from "@/server/orgs/create-organization";
import { listMyOrganizations } from "@/server/orgs/list-my-organizations";

export const GET = handleRoute(async (request) =>
  Response.json({ organizations: await listMyOrganizations(await userContext(request)) }),
);

export const POST = handleRoute(async (request) => {
  const ctx = await userContext(request);
  const input = await parseBody(request, createOrganizationInput);
  const organization = await createOrganization(ctx, input);
  return Response.json({ organization }, { status: 201 });
});
