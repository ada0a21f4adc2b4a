import { orgContext } from "@/server/auth/org-context";
import { reorderChaptersInput } from "@/contracts/book-inputs";
import { reorderChapters } from "@/server/books/reorder-chapters";
import { handleRoute, parseBody } from "@/server/http/handle-route";

type Params = { params: Promise<{ bookId: string }> };

/** The whole new order: `{ chapterIds }` lists every chapter of the book once. */
export const PUT = handleRoute(async (request, { params }: Params) => {
  const ctx = await orgContext(request, "book:update");
  const input = await parseBody(request, reorderChaptersInput);
  return Response.json(await reorderChapters(ctx, (await params).bookId, input));
});
