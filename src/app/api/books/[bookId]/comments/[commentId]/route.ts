import { bookContext } from "@/server/auth/book-context";
import { deleteComment } from "@/server/comments/delete-comment";
import { noContentRoute } from "@/server/http/json-route";

type Params = { params: Promise<{ bookId: string; commentId: string }> };

/** Deletes a comment and its thread (its author, or a writer of the book). */
export const DELETE = noContentRoute(async (request, { params }: Params) => {
  const ctx = await bookContext(request, (await params).bookId, "comment:create");
  await deleteComment(ctx, await params);
});
