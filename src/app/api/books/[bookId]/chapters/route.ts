import { chapterListSchema } from "@/contracts/books";
import { bookContext } from "@/server/auth/book-context";
import { listChapters } from "@/server/books/list-chapters";
import { jsonRoute } from "@/server/http/json-route";

type Params = { params: Promise<{ bookId: string }> };

export const GET = jsonRoute({ response: chapterListSchema }, async (request, { params }: Params) => {
  const ctx = await bookContext(request, (await params).bookId);
  return listChapters(ctx, (await params).bookId);
});
