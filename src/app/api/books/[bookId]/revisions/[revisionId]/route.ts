import { revisionTextSchema } from "@/contracts/books";
import { orgContext } from "@/server/auth/org-context";
import { getRevision } from "@/server/books/get-revision";
import { jsonRoute } from "@/server/http/json-route";

type Params = { params: Promise<{ bookId: string; revisionId: string }> };

export const GET = jsonRoute({ response: revisionTextSchema }, async (request, { params }: Params) => {
  const ctx = await orgContext(request);
  return getRevision(ctx, await params);
});
