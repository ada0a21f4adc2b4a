import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

/** Any route handler: its params type is narrower than what the server passes, hence `never` here. */
type RouteHandler = (request: Request, context: { params: Promise<never> }) => Promise<Response>;

/**
 * Serves one Next.js route handler on 127.0.0.1 (random port), so a third-party fake can call it over
 * real HTTP (e.g. CrewAI posting webhooks). `pattern` names the path parameters: /api/x/:id.
 */
export async function startRouteServer(pattern: string, handler: RouteHandler) {
  const names: string[] = [];
  const regex = new RegExp(
    `^${pattern.replace(/:([A-Za-z]+)/g, (_, name: string) => {
      names.push(name);
      return "([^/]+)";
    })}$`,
  );
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const url = new URL(req.url ?? "/", `http://${req.headers.host}`);
    const match = regex.exec(url.pathname);
    if (!match) {
      res.writeHead(404).end();
      return;
    }
    const params = Object.fromEntries(names.map((name, i) => [name, decodeURIComponent(match[i + 1]!)]));
    const headers = new Headers();
    for (const [key, value] of Object.entries(req.headers)) if (typeof value === "string") headers.set(key, value);
    const body = chunks.length ? Buffer.concat(chunks) : undefined;
    const response = await handler(new Request(url, { method: req.method, headers, body }), {
      params: Promise.resolve(params) as Promise<never>,
    });
    res.writeHead(response.status, Object.fromEntries(response.headers.entries()));
    res.end(Buffer.from(await response.arrayBuffer()));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
