import { correctionsOverviewSchema } from "@/contracts/corrections";
import { bookContext } from "@/server/auth/book-context";
import { getCorrectionsOverview } from "@/server/corrections/get-corrections-overview";
import { jsonRoute } from "@/server/http/json-route";

type Params = { params: Promise<{ bookId: string }> };

/** The latest check run, the open findings by severity and type, and the variant the book is checked in. */
export const GET = jsonRoute({ response: correctionsOverviewSchema }, async (request, { params }: Params) => {
  const ctx = await bookContext(request, (await params).bookId);
  return getCorrectionsOverview(ctx, (await params).bookId);
});
