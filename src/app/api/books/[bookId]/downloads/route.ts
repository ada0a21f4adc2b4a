import { downloadCountsSchema } from "@/contracts/books";
import { orgContext } from "@/server/auth/org-context";
import { countDownloads } from "@/server/formats/count-downloads";
import { jsonRoute } from "@/server/http/json-route";

type Params = { params: Promise<{ bookId: string }> };

export const GET = jsonRoute({ response: downloadCountsSchema }, async (request, { params }: Params) => {
  const ctx = await orgContext(request);
  return countDownloads(ctx, (await params).bookId);
});
