import { compareRevisionsInput } from "@/contracts/book-inputs";
import { revisionComparisonSchema } from "@/contracts/books";
import { bookContext } from "@/server/auth/book-context";
import { compareRevisions } from "@/server/books/compare-revisions";
import { parseQuery } from "@/server/http/handle-route";
import { jsonRoute } from "@/server/http/json-route";

type Params = { params: Promise<{ bookId: string }> };

/** `?from=<revisionId>&to=<revisionId>|current[&chapter=N]`: a word-level diff per chapter. */
export const GET = jsonRoute({ response: revisionComparisonSchema }, async (request, { params }: Params) => {
  const ctx = await bookContext(request, (await params).bookId, "revision:read");
  return compareRevisions(ctx, (await params).bookId, parseQuery(request, compareRevisionsInput));
});
