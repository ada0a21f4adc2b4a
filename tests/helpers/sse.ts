/** One Server-Sent Event as received: its name (default "message") and parsed JSON data. */
export interface ReceivedEvent {
  event: string;
  data: unknown;
}

/**
 * Reads an SSE response body event by event. `until` decides when to stop reading (the stream is then
 * cancelled, as a browser closing the tab would); also stops when the server ends the stream.
 */
export async function readEvents(
  response: Response,
  until: (events: ReceivedEvent[]) => boolean,
  timeoutMs = 15_000,
): Promise<{ events: ReceivedEvent[]; comments: string[]; ended: boolean }> {
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  const events: ReceivedEvent[] = [];
  const comments: string[] = [];
  let buffer = "";
  let ended = false;
  const deadline = Date.now() + timeoutMs;
  try {
    while (!until(events)) {
      const remaining = deadline - Date.now();
      if (remaining <= 0) throw new Error(`SSE: condition not met in ${timeoutMs} ms (got ${events.length} events)`);
      const chunk = await Promise.race([
        reader.read(),
        new Promise<never>((_, reject) => setTimeout(() => reject(new Error("SSE read timed out")), remaining)),
      ]);
      if (chunk.done) {
        ended = true;
        break;
      }
      buffer += decoder.decode(chunk.value, { stream: true });
      let split = buffer.indexOf("\n\n");
      while (split !== -1) {
        const block = buffer.slice(0, split);
        buffer = buffer.slice(split + 2);
        let name = "message";
        const data: string[] = [];
        for (const line of block.split("\n")) {
          if (line.startsWith(":")) comments.push(line.slice(1).trim());
          else if (line.startsWith("event:")) name = line.slice(6).trim();
          else if (line.startsWith("data:")) data.push(line.slice(5).trim());
        }
        if (data.length) events.push({ event: name, data: JSON.parse(data.join("\n")) });
        split = buffer.indexOf("\n\n");
      }
    }
  } finally {
    await reader.cancel().catch(() => {});
  }
  return { events, comments, ended };
}
