import { nameRevisionInput } from "@/contracts/book-inputs";
import { revisionTextSchema } from "@/contracts/books";
import { bookContext } from "@/server/auth/book-context";
import { getRevision } from "@/server/books/get-revision";
import { nameRevision } from "@/server/books/name-revision";
import { parseBody } from "@/server/http/handle-route";
import { jsonRoute } from "@/server/http/json-route";

type Params = { params: Promise<{ bookId: string; revisionId: string }> };

export const GET = jsonRoute({ response: revisionTextSchema }, async (request, { params }: Params) => {
  const ctx = await bookContext(request, (await params).bookId, "revision:read");
  return getRevision(ctx, await params);
});

/** `{ name, note? }`: name this version ("Sent to the publisher"); a blank name takes the name off. */
export const PATCH = jsonRoute({ response: revisionTextSchema }, async (request, { params }: Params) => {
  const ctx = await bookContext(request, (await params).bookId, "revision:update");
  const input = await parseBody(request, nameRevisionInput);
  return nameRevision(ctx, await params, input);
});
