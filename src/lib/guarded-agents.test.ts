import http from "node:http";
import type { AddressInfo } from "node:net";
import { hostname } from "node:os";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { guardedDispatcher, guardedHttpAgent } from "./guarded-agents";
import { findPrivateAddressError, type GuardOptions, PrivateAddressError } from "./private-address";

// Real sockets against a loopback server: what the guard refuses must never reach it.
describe("guarded HTTP clients", () => {
  const received: { url: string; host: string | undefined }[] = [];
  let server: http.Server;
  let port: number;

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      received.push({ url: req.url ?? "", host: req.headers.host });
      if (req.url === "/redirect-to-localhost") {
        res.writeHead(302, { location: `http://localhost:${port}/secret` }).end();
      } else if (req.url === "/redirect-to-literal") {
        res.writeHead(302, { location: `http://[::1]:${port}/secret` }).end();
      } else {
        res.writeHead(200, { "content-type": "text/plain" }).end("reached");
      }
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const fetchWith = (url: string, guard: GuardOptions = {}) =>
    fetch(url, { dispatcher: guardedDispatcher(guard) } as RequestInit).then(
      async (response) => ({ status: response.status, body: await response.text() }),
      (error: unknown) => ({ error }),
    );

  it("fetch refuses this machine's host name (it resolves to loopback) before connecting", async () => {
    const before = received.length;
    const result = await fetchWith(`http://${hostname()}:${port}/secret`);
    expect("error" in result && findPrivateAddressError(result.error)).toBeInstanceOf(PrivateAddressError);
    expect(received.length).toBe(before);
  });

  it("fetch refuses private IP literals and reserved names", async () => {
    const before = received.length;
    for (const url of [`http://127.0.0.1:${port}/`, `http://[::1]:${port}/`, `http://localhost:${port}/`]) {
      const result = await fetchWith(url);
      expect("error" in result && findPrivateAddressError(result.error), url).toBeInstanceOf(PrivateAddressError);
    }
    expect(received.length).toBe(before);
  });

  it("connects to the address it checked, once resolved, keeping the name in the Host header", async () => {
    // A policy that lets 127.0.0.1 through stands in for a public address (no traffic may leave the machine).
    const calls: string[] = [];
    const guard: GuardOptions = {
      resolve: async (host) => {
        calls.push(host);
        return [{ address: "127.0.0.1", family: 4 }];
      },
      isRefused: (ip) => ip !== "127.0.0.1",
    };
    const result = await fetchWith(`http://pinned.example:${port}/hello`, guard);
    expect(result).toEqual({ status: 200, body: "reached" });
    expect(received.at(-1)).toEqual({ url: "/hello", host: `pinned.example:${port}` });
    expect(calls).toEqual(["pinned.example"]);
  });

  it("checks every redirect hop: a redirect to a refused host is never followed", async () => {
    const guard: GuardOptions = {
      resolve: async () => [{ address: "127.0.0.1", family: 4 }],
      isRefused: (ip) => ip !== "127.0.0.1",
    };
    for (const path of ["/redirect-to-localhost", "/redirect-to-literal"]) {
      const before = received.length;
      const result = await fetchWith(`http://public.example:${port}${path}`, guard);
      expect("error" in result && findPrivateAddressError(result.error), path).toBeInstanceOf(PrivateAddressError);
      expect(received.slice(before).map((r) => r.url)).toEqual([path]);
    }
  });

  it("the http.Agent for SDK clients refuses literals and names resolving to loopback", async () => {
    const before = received.length;
    for (const host of ["127.0.0.1", hostname()]) {
      const error = await new Promise<unknown>((resolve) => {
        const request = http.get({ host, port, path: "/secret", agent: guardedHttpAgent() }, (res) => {
          res.resume();
          resolve(new Error(`reached the server (${res.statusCode})`));
        });
        request.on("error", resolve);
      });
      expect(findPrivateAddressError(error), host).toBeInstanceOf(PrivateAddressError);
    }
    expect(received.length).toBe(before);
  });

  it("the http.Agent connects to the checked address for an allowed name", async () => {
    const agent = guardedHttpAgent({
      resolve: async () => [{ address: "127.0.0.1", family: 4 }],
      isRefused: (ip) => ip !== "127.0.0.1",
    });
    const body = await new Promise<string>((resolve, reject) => {
      http
        .get({ host: "pinned.example", port, path: "/agent", agent }, (res) => {
          let text = "";
          res.on("data", (chunk) => {
            text += chunk;
          });
          res.on("end", () => resolve(text));
        })
        .on("error", reject);
    });
    agent.destroy();
    expect(body).toBe("reached");
    expect(received.at(-1)).toEqual({ url: "/agent", host: `pinned.example:${port}` });
  });
});
