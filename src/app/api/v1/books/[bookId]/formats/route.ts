import { listBookFormats } from "@/server/formats/list-book-formats";
import { apiRoute } from "@/server/public-api/api-route";
import { v1 } from "@/server/public-api/v1-operations";

export const GET = apiRoute(v1.listFormats, async ({ ctx, params }) => {
  const result = await listBookFormats(ctx, params.bookId);
  // API clients download through v1 (their key works there), not through the session route.
  const formats = result.formats.map((f) => ({
    ...f,
    downloadUrl: f.available ? `/api/v1/books/${result.bookId}/formats/${f.format.toLowerCase()}/download` : null,
  }));
  return { ...result, formats };
});
