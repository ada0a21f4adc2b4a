import { userContext } from "@/server/auth/session";
import { handleRoute } from "@/server/http/handle-route";
import { listMyInvitations } from "@/server/orgs/list-my-invitations";

export const GET = handleRoute(async (request) =>
  Response.json({ invitations: await listMyInvitations(await userContext(request)) }),
);
