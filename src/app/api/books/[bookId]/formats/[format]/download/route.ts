import { bookContext } from "@/server/auth/book-context";
import { downloadBookFormat, formatParam } from "@/server/formats/download-book-format";
import { handleRoute } from "@/server/http/handle-route";

type Params = { params: Promise<{ bookId: string; format: string }> };

/** 302 to the file (CDN, signed cloud URL, or signed /api/files/… for LOCAL) after recording the download. */
export const GET = handleRoute(
  async (request, { params }: Params) => {
    const ctx = await bookContext(request, (await params).bookId);
    const { bookId, format } = await params;
    const { url } = await downloadBookFormat(ctx, { bookId, format: formatParam.parse(format) });
    return new Response(null, {
      status: 302,
      headers: { location: new URL(url, request.url).toString(), "cache-control": "no-store" },
    });
  },
  { contract: { kind: "redirect" } },
);
