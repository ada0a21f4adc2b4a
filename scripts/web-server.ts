// The production web server (`npm start`, `npm run web`): Next's request handler behind a plain Node
// HTTP server that records each request's TCP peer address in a header of its own (see
// src/lib/client-ip.ts). `next start` alone keeps a client-sent X-Forwarded-For and never tells the app
// the real peer, so per-IP limits could be reset by changing that header.
import { createServer } from "node:http";
import { markPeerAddressHeaderTrusted, setPeerAddressHeader } from "@/lib/client-ip";

// Like `next start`, which forces production before Next is loaded (hence the dynamic import below).
(process.env as Record<string, string | undefined>).NODE_ENV = "production";

const port = Number(process.env.PORT || 3000);

async function main(): Promise<void> {
  const { default: next } = await import("next");
  const app = next({ dev: false, dir: process.cwd(), port });
  const handle = app.getRequestHandler();
  await app.prepare();
  markPeerAddressHeaderTrusted();
  const server = createServer((request, response) => {
    setPeerAddressHeader(request);
    handle(request, response).catch((error: unknown) => {
      console.error("Request failed:", error);
      if (!response.headersSent) response.writeHead(500).end();
    });
  });
  // HOST when set (`npm start` always sets it: loopback unless told otherwise), else all interfaces like
  // `next start`, for a production deployment behind its proxy.
  const host = process.env.HOST || undefined;
  server.listen(port, host, () => console.log(`web server listening on ${host ?? "all interfaces"}, port ${port}`));
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.on(signal, () => {
      server.close(() => process.exit(0));
      server.closeIdleConnections();
    });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
