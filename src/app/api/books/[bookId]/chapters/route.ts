import { chapterListSchema } from "@/contracts/books";
import { orgContext } from "@/server/auth/org-context";
import { listChapters } from "@/server/books/list-chapters";
import { jsonRoute } from "@/server/http/json-route";

type Params = { params: Promise<{ bookId: string }> };

export const GET = jsonRoute({ response: chapterListSchema }, async (request, { params }: Params) => {
  const ctx = await orgContext(request);
  return listChapters(ctx, (await params).bookId);
});
