import { userContext } from "@/server/auth/session";
import { declineBookInvitation } from "@/server/collaborators/respond-to-book-invitation";
import { noContentRoute } from "@/server/http/json-route";

type Params = { params: Promise<{ collaboratorId: string }> };

/** Declines a book invitation addressed to the caller. */
export const POST = noContentRoute(async (request, { params }: Params) => {
  await declineBookInvitation(await userContext(request), (await params).collaboratorId);
});
