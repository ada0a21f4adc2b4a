import { commentEnvelopeSchema, commentStatusInputSchema } from "@/contracts/comments";
import { orgContext } from "@/server/auth/org-context";
import { setCommentStatus } from "@/server/comments/set-comment-status";
import { parseBody } from "@/server/http/handle-route";
import { jsonRoute } from "@/server/http/json-route";

type Params = { params: Promise<{ bookId: string; commentId: string }> };

/** Resolves ({ status: "RESOLVED" }) or reopens ({ status: "OPEN" }) a thread. */
export const POST = jsonRoute({ response: commentEnvelopeSchema }, async (request, { params }: Params) => {
  const ctx = await orgContext(request, "comment:resolve");
  const input = await parseBody(request, commentStatusInputSchema);
  return { comment: await setCommentStatus(ctx, await params, input) };
});
