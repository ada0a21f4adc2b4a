import { orgContext } from "@/server/auth/org-context";
import { handleRoute } from "@/server/http/handle-route";
import { cancelJob } from "@/server/generation/cancel-job";

type Params = { params: Promise<{ bookId: string }> };

export const POST = handleRoute(async (request, { params }: Params) => {
  const ctx = await orgContext(request);
  return Response.json({ job: await cancelJob(ctx, (await params).bookId) }, { status: 202 });
});
