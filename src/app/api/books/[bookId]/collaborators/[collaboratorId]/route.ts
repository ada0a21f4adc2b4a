import { collaboratorResponse, updateCollaboratorBody } from "@/contracts/collaborators";
import { bookContext } from "@/server/auth/book-context";
import { revokeCollaborator } from "@/server/collaborators/revoke-collaborator";
import { updateCollaborator } from "@/server/collaborators/update-collaborator";
import { parseBody } from "@/server/http/handle-route";
import { jsonRoute, noContentRoute } from "@/server/http/json-route";

type Params = { params: Promise<{ bookId: string; collaboratorId: string }> };

/** Changes a collaborator's role and/or permissions. */
export const PATCH = jsonRoute({ response: collaboratorResponse }, async (request, { params }: Params) => {
  const ids = await params;
  const ctx = await bookContext(request, ids.bookId, "collaborator:manage");
  return { collaborator: await updateCollaborator(ctx, ids, await parseBody(request, updateCollaboratorBody)) };
});

/** Removes a collaborator, or withdraws a pending invitation (its link stops working). */
export const DELETE = noContentRoute(async (request, { params }: Params) => {
  const ids = await params;
  await revokeCollaborator(await bookContext(request, ids.bookId, "collaborator:manage"), ids);
});
