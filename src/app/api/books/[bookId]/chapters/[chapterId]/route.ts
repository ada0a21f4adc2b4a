import { orgContext } from "@/server/auth/org-context";
import { getChapter } from "@/server/books/get-chapter";
import { CHAPTER_MAX_CHARACTERS, updateChapterInput } from "@/contracts/book-inputs";
import { updateChapter } from "@/server/books/update-chapter";
import { handleRoute, parseBody } from "@/server/http/handle-route";
import { jsonBodyLimitFor } from "@/server/http/read-body";

type Params = { params: Promise<{ bookId: string; chapterId: string }> };

export const GET = handleRoute(async (request, { params }: Params) => {
  const ctx = await orgContext(request);
  return Response.json(await getChapter(ctx, await params));
});

/** Edit a chapter's title and/or text; send the chapter's updatedAt as expectedUpdatedAt to detect conflicts. */
export const PATCH = handleRoute(async (request, { params }: Params) => {
  const ctx = await orgContext(request, "book:update");
  // A whole chapter's text: more than the default body cap allows.
  const input = await parseBody(request, updateChapterInput, { limitBytes: jsonBodyLimitFor(CHAPTER_MAX_CHARACTERS) });
  return Response.json(await updateChapter(ctx, await params, input));
});
