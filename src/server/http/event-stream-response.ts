import "server-only";
/**
 * A Server-Sent Events answer (the internal and v1 job-events routes): never cached or transformed by a
 * proxy, kept alive, and not buffered by nginx (`x-accel-buffering: no`), so each event reaches the browser
 * as it is written.
 */
export function eventStreamResponse(stream: ReadableStream<Uint8Array>): Response {
  return new Response(stream, {
    headers: {
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-cache, no-transform",
      connection: "keep-alive",
      "x-accel-buffering": "no",
    },
  });
}
