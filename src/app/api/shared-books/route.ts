import { sharedBooksResponse } from "@/contracts/collaborators";
import { userContext } from "@/server/auth/session";
import { listSharedBooks } from "@/server/collaborators/list-shared-books";
import { jsonRoute } from "@/server/http/json-route";

/** The caller's "Shared with me" shelf: books shared with them and invitations waiting for an answer. */
export const GET = jsonRoute({ response: sharedBooksResponse }, async (request) =>
  listSharedBooks(await userContext(request)),
);
