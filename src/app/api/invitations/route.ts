import { myInvitationsResponse } from "@/contracts/organizations";
import { userContext } from "@/server/auth/session";
import { jsonRoute } from "@/server/http/json-route";
import { listMyInvitations } from "@/server/orgs/list-my-invitations";

export const GET = jsonRoute({ response: myInvitationsResponse }, async (request) => ({
  invitations: await listMyInvitations(await userContext(request)),
}));
