import { correctionPageSchema, correctionsQuerySchema } from "@/contracts/corrections";
import { orgContext } from "@/server/auth/org-context";
import { listCorrections } from "@/server/corrections/list-corrections";
import { parseQuery } from "@/server/http/handle-route";
import { jsonRoute } from "@/server/http/json-route";

type Params = { params: Promise<{ bookId: string }> };

/** A book's findings in reading order; filters chapterId, type, severity, status; cursor pagination. */
export const GET = jsonRoute({ response: correctionPageSchema }, async (request, { params }: Params) => {
  const ctx = await orgContext(request);
  return listCorrections(ctx, (await params).bookId, parseQuery(request, correctionsQuerySchema));
});
