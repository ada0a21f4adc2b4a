import { downloadCountsSchema } from "@/contracts/books";
import { bookContext } from "@/server/auth/book-context";
import { countDownloads } from "@/server/formats/count-downloads";
import { jsonRoute } from "@/server/http/json-route";

type Params = { params: Promise<{ bookId: string }> };

export const GET = jsonRoute({ response: downloadCountsSchema }, async (request, { params }: Params) => {
  const ctx = await bookContext(request, (await params).bookId);
  return countDownloads(ctx, (await params).bookId);
});
