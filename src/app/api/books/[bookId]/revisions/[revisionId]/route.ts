import { revisionTextSchema } from "@/contracts/books";
import { bookContext } from "@/server/auth/book-context";
import { getRevision } from "@/server/books/get-revision";
import { jsonRoute } from "@/server/http/json-route";

type Params = { params: Promise<{ bookId: string; revisionId: string }> };

export const GET = jsonRoute({ response: revisionTextSchema }, async (request, { params }: Params) => {
  const ctx = await bookContext(request, (await params).bookId);
  return getRevision(ctx, await params);
});
