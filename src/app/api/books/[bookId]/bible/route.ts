import { bibleEnvelopeSchema, updateBibleInput } from "@/contracts/bible";
import { bookContext } from "@/server/auth/book-context";
import { getBookBible, updateBookBible } from "@/server/books/book-bible";
import { parseBody } from "@/server/http/handle-route";
import { jsonRoute } from "@/server/http/json-route";

type Params = { params: Promise<{ bookId: string }> };

/** The book bible: names with fixed spellings, terms, facts, voice, tense, point of view. */
export const GET = jsonRoute({ response: bibleEnvelopeSchema }, async (request, { params }: Params) => {
  const ctx = await bookContext(request, (await params).bookId);
  return getBookBible(ctx, (await params).bookId);
});

/** Replaces the bible; the next generation run of the book uses it. */
export const PUT = jsonRoute({ response: bibleEnvelopeSchema }, async (request, { params }: Params) => {
  const ctx = await bookContext(request, (await params).bookId, "book:update");
  const input = await parseBody(request, updateBibleInput);
  return updateBookBible(ctx, (await params).bookId, input);
});
