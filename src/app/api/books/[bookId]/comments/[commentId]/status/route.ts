import { commentEnvelopeSchema, commentStatusInputSchema } from "@/contracts/comments";
import { bookContext } from "@/server/auth/book-context";
import { setCommentStatus } from "@/server/comments/set-comment-status";
import { parseBody } from "@/server/http/handle-route";
import { jsonRoute } from "@/server/http/json-route";

type Params = { params: Promise<{ bookId: string; commentId: string }> };

/** Resolves ({ status: "RESOLVED" }) or reopens ({ status: "OPEN" }) a thread. */
export const POST = jsonRoute({ response: commentEnvelopeSchema }, async (request, { params }: Params) => {
  const ctx = await bookContext(request, (await params).bookId, "comment:resolve");
  const input = await parseBody(request, commentStatusInputSchema);
  return { comment: await setCommentStatus(ctx, await params, input) };
});
