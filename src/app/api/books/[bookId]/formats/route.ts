import { bookFormatsSchema, regenerateFormatsResultSchema } from "@/contracts/books";
import { bookContext } from "@/server/auth/book-context";
import { listBookFormats } from "@/server/formats/list-book-formats";
import { regenerateFormats } from "@/server/formats/regenerate-formats";
import { jsonRoute } from "@/server/http/json-route";

type Params = { params: Promise<{ bookId: string }> };

export const GET = jsonRoute({ response: bookFormatsSchema }, async (request, { params }: Params) => {
  const ctx = await bookContext(request, (await params).bookId);
  return listBookFormats(ctx, (await params).bookId);
});

/** Regenerate every format (202: queued; poll GET for per-format status). */
export const POST = jsonRoute(
  { response: regenerateFormatsResultSchema, status: 202 },
  async (request, { params }: Params) => {
    const ctx = await bookContext(request, (await params).bookId);
    return regenerateFormats(ctx, (await params).bookId);
  },
);
