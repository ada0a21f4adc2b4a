import { reorderChaptersInput } from "@/contracts/book-inputs";
import { reorderResultSchema } from "@/contracts/books";
import { bookContext } from "@/server/auth/book-context";
import { reorderChapters } from "@/server/books/reorder-chapters";
import { parseBody } from "@/server/http/handle-route";
import { jsonRoute } from "@/server/http/json-route";

type Params = { params: Promise<{ bookId: string }> };

/** The whole new order: `{ chapterIds }` lists every chapter of the book once. */
export const PUT = jsonRoute({ response: reorderResultSchema }, async (request, { params }: Params) => {
  const ctx = await bookContext(request, (await params).bookId, "book:update");
  const input = await parseBody(request, reorderChaptersInput);
  return reorderChapters(ctx, (await params).bookId, input);
});
