import { createServer, request as httpRequest } from "node:http";
import type { AddressInfo } from "node:net";
import { markPeerAddressHeaderTrusted, setPeerAddressHeader } from "@/lib/client-ip";

/**
 * Serves a route handler the way scripts/web-server.ts serves the app: the TCP peer is recorded in the
 * peer header before the handler runs. Clients pick their source address on 127.0.0.0/8 (`from`), so a
 * test can play several real clients, each free to forge any X-Forwarded-For it likes.
 */
export async function startPeerServer(handler: (request: Request) => Promise<Response>) {
  markPeerAddressHeaderTrusted();
  const server = createServer(async (req, res) => {
    setPeerAddressHeader(req);
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const headers = new Headers();
    for (const [key, value] of Object.entries(req.headers)) if (typeof value === "string") headers.set(key, value);
    const body = chunks.length ? Buffer.concat(chunks) : undefined;
    const response = await handler(
      new Request(new URL(req.url ?? "/", "http://localhost:3000"), { method: req.method, headers, body }),
    );
    const outgoing = new Headers(response.headers);
    const cookies = outgoing.getSetCookie();
    outgoing.delete("set-cookie");
    res.writeHead(response.status, { ...Object.fromEntries(outgoing.entries()), "set-cookie": cookies });
    res.end(Buffer.from(await response.arrayBuffer()));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  /** POSTs JSON from source address `from`, with extra headers (e.g. a forged X-Forwarded-For). */
  function post(path: string, body: unknown, options: { from: string; headers?: Record<string, string> }) {
    const payload = JSON.stringify(body);
    return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; json: unknown }>(
      (resolve, reject) => {
        const req = httpRequest(
          {
            host: "127.0.0.1",
            port,
            path,
            method: "POST",
            localAddress: options.from,
            headers: {
              "content-type": "application/json",
              origin: "http://localhost:3000",
              "content-length": Buffer.byteLength(payload),
              ...options.headers,
            },
          },
          (res) => {
            const chunks: Buffer[] = [];
            res.on("data", (chunk: Buffer) => chunks.push(chunk));
            res.on("end", () => {
              const text = Buffer.concat(chunks).toString("utf8");
              resolve({ status: res.statusCode ?? 0, headers: res.headers, json: text ? JSON.parse(text) : null });
            });
          },
        );
        req.on("error", reject);
        req.end(payload);
      },
    );
  }

  return {
    post,
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
