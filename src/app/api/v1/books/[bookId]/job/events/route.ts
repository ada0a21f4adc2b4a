import { eventStreamResponse } from "@/server/http/event-stream-response";
import { streamJobEvents } from "@/server/generation/stream-job-events";
import { apiRoute } from "@/server/public-api/api-route";
import { v1 } from "@/server/public-api/v1-operations";

// A long-lived stream: never cached, never pre-rendered.
export const dynamic = "force-dynamic";

export const GET = apiRoute(v1.streamJobEvents, async ({ ctx, params, request }) =>
  eventStreamResponse(await streamJobEvents(ctx, params.bookId, { signal: request.signal })),
);
