import { orgContext } from "@/server/auth/org-context";
import { getChapter } from "@/server/books/get-chapter";
import { updateChapter, updateChapterInput } from "@/server/books/update-chapter";
import { handleRoute, parseBody } from "@/server/http/handle-route";

type Params = { params: Promise<{ bookId: string; chapterId: string }> };

export const GET = handleRoute(async (request, { params }: Params) => {
  const ctx = await orgContext(request);
  return Response.json(await getChapter(ctx, await params));
});

/** Edit a chapter's title and/or text; send the chapter's updatedAt as expectedUpdatedAt to detect conflicts. */
export const PATCH = handleRoute(async (request, { params }: Params) => {
  const ctx = await orgContext(request, "book:update");
  const input = await parseBody(request, updateChapterInput);
  return Response.json(await updateChapter(ctx, await params, input));
});
