import { orgContext } from "@/server/auth/org-context";
import { countDownloads } from "@/server/formats/count-downloads";
import { handleRoute } from "@/server/http/handle-route";

type Params = { params: Promise<{ bookId: string }> };

export const GET = handleRoute(async (request, { params }: Params) => {
  const ctx = await orgContext(request);
  return Response.json(await countDownloads(ctx, (await params).bookId));
});
