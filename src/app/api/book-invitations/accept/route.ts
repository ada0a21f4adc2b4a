import { acceptBookInvitationBody, acceptedBookInvitationResponse } from "@/contracts/collaborators";
import { userContext } from "@/server/auth/session";
import { acceptBookInvitationByToken } from "@/server/collaborators/respond-to-book-invitation";
import { parseBody } from "@/server/http/handle-route";
import { jsonRoute } from "@/server/http/json-route";

/** Accepts a book invitation through its emailed link's token (signed in with the invited address). */
export const POST = jsonRoute({ response: acceptedBookInvitationResponse }, async (request) => {
  const ctx = await userContext(request);
  return acceptBookInvitationByToken(ctx, await parseBody(request, acceptBookInvitationBody));
});
