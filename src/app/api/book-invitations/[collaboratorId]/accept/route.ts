import { acceptedBookInvitationResponse } from "@/contracts/collaborators";
import { userContext } from "@/server/auth/session";
import { acceptBookInvitation } from "@/server/collaborators/respond-to-book-invitation";
import { jsonRoute } from "@/server/http/json-route";

type Params = { params: Promise<{ collaboratorId: string }> };

/** Accepts a book invitation addressed to the caller, from "Shared with me". */
export const POST = jsonRoute({ response: acceptedBookInvitationResponse }, async (request, { params }: Params) =>
  acceptBookInvitation(await userContext(request), (await params).collaboratorId),
);
