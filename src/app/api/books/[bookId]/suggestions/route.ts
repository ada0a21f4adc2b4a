import { createSuggestionInputSchema } from "@/contracts/comments";
import { correctionEnvelopeSchema } from "@/contracts/corrections";
import { bookContext } from "@/server/auth/book-context";
import { createSuggestion } from "@/server/comments/create-suggestion";
import { parseBody } from "@/server/http/handle-route";
import { jsonRoute } from "@/server/http/json-route";

type Params = { params: Promise<{ bookId: string }> };

/** "Suggest a change": a person's replacement for a passage, an OPEN finding writers accept or reject. */
export const POST = jsonRoute(
  { response: correctionEnvelopeSchema, status: 201 },
  async (request, { params }: Params) => {
    const ctx = await bookContext(request, (await params).bookId, "suggestion:create");
    const input = await parseBody(request, createSuggestionInputSchema);
    return { correction: await createSuggestion(ctx, (await params).bookId, input) };
  },
);
