import { collaboratorResponse } from "@/contracts/collaborators";
import { bookContext } from "@/server/auth/book-context";
import { resendBookInvitation } from "@/server/collaborators/resend-book-invitation";
import { jsonRoute } from "@/server/http/json-route";

type Params = { params: Promise<{ bookId: string; collaboratorId: string }> };

/** Sends a pending or expired invitation again: a new link, 14 more days. */
export const POST = jsonRoute({ response: collaboratorResponse }, async (request, { params }: Params) => {
  const ids = await params;
  const ctx = await bookContext(request, ids.bookId, "collaborator:manage");
  return { collaborator: await resendBookInvitation(ctx, ids) };
});
