// A minimal node:http adapter around the v1 route handlers (the same functions Next.js calls), for the
// SDK/CLI tests and bench/api.ts: no Next.js build needed, and nothing but our code on the request path.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { Readable } from "node:stream";
import * as filesRoute from "@/app/api/files/[...key]/route";
import * as docsRoute from "@/app/api/v1/docs/route";
import * as openApiRoute from "@/app/api/v1/openapi.json/route";
import type { ApiOperation } from "@/server/public-api/api-operation";
import { v1Routes } from "./v1-routes";

type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;
interface Route {
  method: string;
  pattern: RegExp;
  names: string[];
  handler: Handler;
}

function compile(path: string): { pattern: RegExp; names: string[] } {
  const names: string[] = [];
  const source = path.replace(/\{(\w+)\}/g, (_m, name: string) => {
    names.push(name);
    return "([^/]+)";
  });
  return { pattern: new RegExp(`^/api/v1${source}$`), names };
}

const routes: Route[] = Object.values(v1Routes).flatMap((module) =>
  Object.entries(module)
    .filter(([name]) => ["GET", "POST", "PATCH", "DELETE"].includes(name))
    .map(([method, handler]) => {
      const operation = (handler as { operation: ApiOperation }).operation;
      return { method, ...compile(operation.path), handler: handler as unknown as Handler };
    }),
);

async function toRequest(req: IncomingMessage, res: ServerResponse, origin: string): Promise<Request> {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (Array.isArray(value)) for (const v of value) headers.append(name, v);
    else if (value !== undefined) headers.set(name, value);
  }
  const hasBody = req.method !== "GET" && req.method !== "HEAD";
  const controller = new AbortController();
  // The client went away before the answer was complete (an SSE client closing its stream, typically).
  res.once("close", () => {
    if (!res.writableFinished) controller.abort();
  });
  return new Request(new URL(req.url ?? "/", origin), {
    method: req.method,
    headers,
    body: hasBody ? (Readable.toWeb(req) as ReadableStream) : undefined,
    signal: controller.signal,
    ...(hasBody ? { duplex: "half" } : {}),
  } as RequestInit);
}

/** The handler and route params for a method and path, or null (404). */
function resolve(method: string, pathname: string): { handler: Handler; params: Record<string, string> } | null {
  if (pathname === "/api/v1/openapi.json" && method === "GET")
    return { handler: openApiRoute.GET as unknown as Handler, params: {} };
  if (pathname === "/api/v1/docs" && method === "GET")
    return { handler: docsRoute.GET as unknown as Handler, params: {} };
  if (pathname.startsWith("/api/files/") && method === "GET") {
    const key = pathname.slice("/api/files/".length).split("/").map(decodeURIComponent);
    return { handler: filesRoute.GET as unknown as Handler, params: { key } as never };
  }
  for (const route of routes) {
    if (route.method !== method) continue;
    const match = route.pattern.exec(pathname);
    if (match) {
      return {
        handler: route.handler,
        params: Object.fromEntries(route.names.map((n, i) => [n, decodeURIComponent(match[i + 1]!)])),
      };
    }
  }
  return null;
}

/** Starts the adapter on 127.0.0.1 (port 0 = any free port); resolves with its URL and a close function. */
export async function startV1Server(port = 0): Promise<{ url: string; server: Server; close: () => Promise<void> }> {
  let origin = "";
  const server = createServer(async (req, res) => {
    try {
      const request = await toRequest(req, res, origin);
      const found = resolve(request.method, new URL(request.url).pathname);
      const response = found
        ? await found.handler(request, { params: Promise.resolve(found.params) })
        : Response.json({ error: { code: "NOT_FOUND", message: "No such route", field: null } }, { status: 404 });
      res.writeHead(response.status, Object.fromEntries(response.headers.entries()));
      if (!response.body) return void res.end();
      // Whole bodies are written at once (cheaper than piping a web stream); streams (SSE) are piped.
      if (!response.headers.get("content-type")?.includes("event-stream")) {
        return void res.end(Buffer.from(await response.arrayBuffer()));
      }
      const body = Readable.fromWeb(response.body as never);
      res.once("close", () => body.destroy());
      body.pipe(res);
    } catch (error) {
      console.error("[v1-http-server]", error);
      if (!res.headersSent) res.writeHead(500, { "content-type": "application/json" });
      res.end(JSON.stringify({ error: { code: "INTERNAL", message: "Adapter failure", field: null } }));
    }
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((done) => server.listen(port, "127.0.0.1", done));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: origin,
    server,
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}
