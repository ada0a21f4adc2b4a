import { acceptWordInputSchema, acceptWordResultSchema } from "@/contracts/corrections";
import { bookContext } from "@/server/auth/book-context";
import { acceptWord } from "@/server/corrections/accept-word";
import { parseBody } from "@/server/http/handle-route";
import { jsonRoute } from "@/server/http/json-route";

type Params = { params: Promise<{ bookId: string }> };

/** "Add to dictionary" (ORGANIZATION) or "Ignore in this book" (BOOK); resolves that word's spelling findings. */
export const POST = jsonRoute({ response: acceptWordResultSchema }, async (request, { params }: Params) => {
  const ctx = await bookContext(request, (await params).bookId, "correction:resolve");
  const input = await parseBody(request, acceptWordInputSchema);
  return acceptWord(ctx, (await params).bookId, input);
});
