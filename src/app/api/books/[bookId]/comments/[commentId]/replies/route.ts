import { commentEnvelopeSchema, replyInputSchema } from "@/contracts/comments";
import { bookContext } from "@/server/auth/book-context";
import { replyToComment } from "@/server/comments/reply-to-comment";
import { parseBody } from "@/server/http/handle-route";
import { jsonRoute } from "@/server/http/json-route";

type Params = { params: Promise<{ bookId: string; commentId: string }> };

/** Replies in a comment's thread; answers the whole thread. */
export const POST = jsonRoute({ response: commentEnvelopeSchema, status: 201 }, async (request, { params }: Params) => {
  const ctx = await bookContext(request, (await params).bookId, "comment:create");
  const input = await parseBody(request, replyInputSchema);
  return { comment: await replyToComment(ctx, await params, input) };
});
