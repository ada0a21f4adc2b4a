import { bookContext } from "@/server/auth/book-context";
import { eventStreamResponse } from "@/server/http/event-stream-response";
import { handleRoute } from "@/server/http/handle-route";
import { streamJobEvents } from "@/server/generation/stream-job-events";

type Params = { params: Promise<{ bookId: string }> };

// A long-lived stream: never cached, never pre-rendered.
export const dynamic = "force-dynamic";

/**
 * Server-sent events: `progress` carries `{ job }` (the contract's Job), `check` carries `{ run }` (the
 * latest check run, whenever it changes), `end` carries `{ status }` (the job's) once the job has finished
 * and no check is pending or running. With `?review=1`, `review` frames carry the comments contract's
 * ReviewFrame whenever the book's comments, replies or suggestions change, and the stream stays open.
 */
export const GET = handleRoute(
  async (request, { params }: Params) => {
    const ctx = await bookContext(request, (await params).bookId);
    return eventStreamResponse(
      await streamJobEvents(ctx, (await params).bookId, {
        signal: request.signal,
        includeChecks: true,
        includeReview: new URL(request.url).searchParams.get("review") === "1",
      }),
    );
  },
  { contract: { kind: "stream" } },
);
