import { describe, expect, it } from "vitest";
import { AppError } from "@/server/errors";
import { formatBytes, jsonBodyLimitFor, readBodyBytes, readBodyText } from "./read-body";

/** A body stream that records how many chunks were pulled and whether it was cancelled. */
function meteredStream(chunk: Uint8Array, chunks: number) {
  const stats = { pulled: 0, cancelled: false };
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (stats.pulled >= chunks) return controller.close();
        stats.pulled++;
        controller.enqueue(chunk);
      },
      cancel() {
        stats.cancelled = true;
      },
      // No read-ahead: a chunk is pulled only when the reader asks for it.
    },
    { highWaterMark: 0 },
  );
  return { stream, stats };
}

const post = (body: BodyInit, headers: Record<string, string> = {}) =>
  new Request("http://localhost/api/test", { method: "POST", body, headers, duplex: "half" } as RequestInit);

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe("readBodyBytes", () => {
  it("refuses a declared Content-Length over the limit without reading a byte", async () => {
    const { stream, stats } = meteredStream(new Uint8Array(1024), 10_000);
    const error = await refusal(readBodyBytes(post(stream, { "content-length": String(10_000 * 1024) }), 64 * 1024));
    expect(error.code).toBe("PAYLOAD_TOO_LARGE");
    expect(error.status).toBe(413);
    expect(error.message).toBe("The request body is larger than the 64 KiB limit");
    expect(stats.pulled).toBe(0);
  });

  it("stops a chunked body with no Content-Length as soon as it passes the limit, and cancels the rest", async () => {
    // An endless upload: without the cap the reader would never return.
    const { stream, stats } = meteredStream(new Uint8Array(16 * 1024).fill(120), Number.POSITIVE_INFINITY);
    const request = post(stream);
    expect(request.headers.get("content-length")).toBeNull();
    const error = await refusal(readBodyBytes(request, 64 * 1024));
    expect(error.code).toBe("PAYLOAD_TOO_LARGE");
    // 4 chunks fill the limit exactly, the 5th passes it: nothing after it is read.
    expect(stats.pulled).toBe(5);
    expect(stats.cancelled).toBe(true);
  });

  it("does not trust a Content-Length lower than the bytes actually streamed", async () => {
    const { stream } = meteredStream(new Uint8Array(32 * 1024), 4);
    const error = await refusal(readBodyBytes(post(stream, { "content-length": "10" }), 64 * 1024));
    expect(error.code).toBe("PAYLOAD_TOO_LARGE");
  });

  it("returns a body up to exactly the limit, byte for byte", async () => {
    const bytes = Uint8Array.from({ length: 64 * 1024 }, (_, i) => i % 251);
    const read = await readBodyBytes(post(bytes), 64 * 1024);
    expect(Buffer.from(read).equals(Buffer.from(bytes))).toBe(true);
    expect((await refusal(readBodyBytes(post(new Uint8Array(64 * 1024 + 1)), 64 * 1024))).code).toBe(
      "PAYLOAD_TOO_LARGE",
    );
  });

  it("reads no body as empty, and text as UTF-8", async () => {
    expect((await readBodyBytes(new Request("http://localhost/"), 10)).byteLength).toBe(0);
    expect(await readBodyText(post(JSON.stringify({ title: "Été — 本" })), 1024)).toBe('{"title":"Été — 本"}');
  });
});

describe("body limits", () => {
  it("sizes a long-text route's cap for its longest field fully escaped, plus the default", () => {
    expect(jsonBodyLimitFor(200_000)).toBe(200_000 * 6 + 256 * 1024);
    // A 200,000-character chapter of 3-byte characters (the longest unescaped UTF-8) fits.
    expect(Buffer.byteLength(JSON.stringify({ content: "本".repeat(200_000) }))).toBeLessThan(
      jsonBodyLimitFor(200_000),
    );
  });

  it("says the limit as people read it", () => {
    expect(formatBytes(256 * 1024)).toBe("256 KiB");
    expect(formatBytes(8 * 1024 * 1024)).toBe("8 MiB");
    expect(formatBytes(jsonBodyLimitFor(200_000))).toBe("1.4 MiB");
  });
});
