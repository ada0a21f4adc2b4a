import { listRevisionsInput } from "@/contracts/book-inputs";
import { revisionPageSchema } from "@/contracts/books";
import { bookContext } from "@/server/auth/book-context";
import { listRevisions } from "@/server/books/list-revisions";
import { parseQuery } from "@/server/http/handle-route";
import { jsonRoute } from "@/server/http/json-route";

type Params = { params: Promise<{ bookId: string }> };

export const GET = jsonRoute({ response: revisionPageSchema }, async (request, { params }: Params) => {
  const ctx = await bookContext(request, (await params).bookId);
  return listRevisions(ctx, (await params).bookId, parseQuery(request, listRevisionsInput));
});
