import { formatTypeSchema } from "@/contracts/books";
import { downloadBookFormat } from "@/server/formats/download-book-format";
import { apiRoute } from "@/server/public-api/api-route";
import { v1 } from "@/server/public-api/v1-operations";

export const GET = apiRoute(v1.downloadFormat, async ({ ctx, params, request }) => {
  // The operation's params accept the five lower-case names only, so this always parses.
  const format = formatTypeSchema.parse(params.format.toUpperCase());
  const link = await downloadBookFormat(ctx, { bookId: params.bookId, format });
  const url = new URL(link.url, request.url).toString();
  return Response.json({ ...link, url }, { status: 302, headers: { location: url, "cache-control": "no-store" } });
});
