/**
 * Minimal Server-Sent Events reader (WHATWG event-stream framing): yields the `data` of each event.
 * Handles chunks split anywhere (even inside a UTF-8 character), CRLF/LF line ends, multi-line data and
 * comment lines such as OpenRouter's `: OPENROUTER PROCESSING` keep-alives.
 */

/** Yields the data payload of each event of an SSE byte stream, in order. */
export async function* readSseData(stream: ReadableStream<Uint8Array>): AsyncGenerator<string> {
  const reader = stream.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  let dataLines: string[] = [];

  const takeLine = (line: string): string | undefined => {
    if (line === "") {
      if (dataLines.length === 0) return undefined;
      const data = dataLines.join("\n");
      dataLines = [];
      return data;
    }
    if (line.startsWith(":")) return undefined;
    const colon = line.indexOf(":");
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? "" : line.slice(colon + 1);
    if (value.startsWith(" ")) value = value.slice(1);
    if (field === "data") dataLines.push(value);
    return undefined;
  };

  let finished = false;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      buffer += done ? decoder.decode() : decoder.decode(value, { stream: true });
      // A trailing \r may be the first half of \r\n: hold it back so it does not end a line twice.
      const held = !done && buffer.endsWith("\r") ? "\r" : "";
      if (held) buffer = buffer.slice(0, -1);
      const lines = buffer.split(/\r\n|\r|\n/);
      // The last piece is an incomplete line: keep it for the next chunk.
      buffer = done ? "" : (lines.pop() ?? "") + held;
      for (const line of lines) {
        const data = takeLine(line);
        if (data !== undefined) yield data;
      }
      if (done) {
        finished = true;
        const data = takeLine("");
        if (data !== undefined) yield data;
        return;
      }
    }
  } finally {
    // The consumer stopped early (e.g. at [DONE]): close the connection instead of leaving it open.
    if (!finished) await reader.cancel().catch(() => undefined);
    reader.releaseLock();
  }
}
