import { orgContext } from "@/server/auth/org-context";
import { listBookFormats } from "@/server/formats/list-book-formats";
import { regenerateFormats } from "@/server/formats/regenerate-formats";
import { handleRoute } from "@/server/http/handle-route";

type Params = { params: Promise<{ bookId: string }> };

export const GET = handleRoute(async (request, { params }: Params) => {
  const ctx = await orgContext(request);
  return Response.json(await listBookFormats(ctx, (await params).bookId));
});

/** Regenerate every format (202: queued; poll GET for per-format status). */
export const POST = handleRoute(async (request, { params }: Params) => {
  const ctx = await orgContext(request);
  return Response.json(await regenerateFormats(ctx, (await params).bookId), { status: 202 });
});
