import { orgContext } from "@/server/auth/org-context";
import { handleRoute } from "@/server/http/handle-route";
import { streamJobEvents } from "@/server/generation/stream-job-events";

type Params = { params: Promise<{ bookId: string }> };

// A long-lived stream: never cached, never pre-rendered.
export const dynamic = "force-dynamic";

/** Server-sent events: `progress` carries `{ job }` (the contract's Job), `end` carries `{ status }`. */
export const GET = handleRoute(
  async (request, { params }: Params) => {
    const ctx = await orgContext(request);
    const stream = await streamJobEvents(ctx, (await params).bookId, { signal: request.signal });
    return new Response(stream, {
      headers: {
        "content-type": "text/event-stream; charset=utf-8",
        "cache-control": "no-cache, no-transform",
        connection: "keep-alive",
        "x-accel-buffering": "no",
      },
    });
  },
  { contract: { kind: "stream" } },
);
