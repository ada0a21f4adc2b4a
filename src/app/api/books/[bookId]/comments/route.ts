import {
  commentEnvelopeSchema,
  commentListSchema,
  commentsQuerySchema,
  createCommentInputSchema,
} from "@/contracts/comments";
import { bookContext } from "@/server/auth/book-context";
import { createComment } from "@/server/comments/create-comment";
import { listComments } from "@/server/comments/list-comments";
import { parseBody, parseQuery } from "@/server/http/handle-route";
import { jsonRoute } from "@/server/http/json-route";

type Params = { params: Promise<{ bookId: string }> };

/** A book's comments with their threads; filters chapterId, status. */
export const GET = jsonRoute({ response: commentListSchema }, async (request, { params }: Params) => {
  const ctx = await bookContext(request, (await params).bookId);
  return listComments(ctx, (await params).bookId, parseQuery(request, commentsQuerySchema));
});

/** Comments on a passage of a chapter (offsets and the quoted text), with optional @mentions. */
export const POST = jsonRoute({ response: commentEnvelopeSchema, status: 201 }, async (request, { params }: Params) => {
  const ctx = await bookContext(request, (await params).bookId, "comment:create");
  const input = await parseBody(request, createCommentInputSchema);
  return { comment: await createComment(ctx, (await params).bookId, input) };
});
