import { correctionPageSchema, correctionsQuerySchema } from "@/contracts/corrections";
import { bookContext } from "@/server/auth/book-context";
import { listCorrections } from "@/server/corrections/list-corrections";
import { parseQuery } from "@/server/http/handle-route";
import { jsonRoute } from "@/server/http/json-route";

type Params = { params: Promise<{ bookId: string }> };

/** A book's findings in reading order; filters chapterId, type, severity, status; cursor pagination. */
export const GET = jsonRoute({ response: correctionPageSchema }, async (request, { params }: Params) => {
  const ctx = await bookContext(request, (await params).bookId);
  return listCorrections(ctx, (await params).bookId, parseQuery(request, correctionsQuerySchema));
});
