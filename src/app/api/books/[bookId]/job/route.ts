import { orgContext } from "@/server/auth/org-context";
import { handleRoute } from "@/server/http/handle-route";
import { getJob } from "@/server/generation/get-job";

type Params = { params: Promise<{ bookId: string }> };

export const GET = handleRoute(async (request, { params }: Params) => {
  const ctx = await orgContext(request);
  return Response.json({ job: await getJob(ctx, (await params).bookId) });
});
