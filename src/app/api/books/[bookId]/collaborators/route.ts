import { collaboratorListResponse, collaboratorResponse, shareBookBody } from "@/contracts/collaborators";
import { bookContext } from "@/server/auth/book-context";
import { listCollaborators } from "@/server/collaborators/list-collaborators";
import { shareBook } from "@/server/collaborators/share-book";
import { parseBody } from "@/server/http/handle-route";
import { jsonRoute } from "@/server/http/json-route";

type Params = { params: Promise<{ bookId: string }> };

/** Who the book is shared with (people and pending invitations), and whether the caller may manage them. */
export const GET = jsonRoute({ response: collaboratorListResponse }, async (request, { params }: Params) => {
  const { bookId } = await params;
  return listCollaborators(await bookContext(request, bookId), bookId);
});

/** Shares the book by email with a role (and per-person permissions): 201 with the pending invitation. */
export const POST = jsonRoute({ response: collaboratorResponse, status: 201 }, async (request, { params }: Params) => {
  const { bookId } = await params;
  const ctx = await bookContext(request, bookId, "collaborator:manage");
  return { collaborator: await shareBook(ctx, bookId, await parseBody(request, shareBookBody)) };
});
