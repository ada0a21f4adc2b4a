// Reading a request body in the loopback fakes (they speak HTTP with node:http, no framework).
import type { IncomingMessage } from "node:http";

/** The whole request body as UTF-8 text. */
export async function readRequestText(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

/** The request's JSON body ({} when empty), or undefined when it is not JSON (each fake answers that its own way). */
export async function readJsonBody(req: IncomingMessage): Promise<Record<string, unknown> | undefined> {
  const raw = await readRequestText(req);
  try {
    return raw ? JSON.parse(raw) : {};
  } catch {
    return undefined;
  }
}
