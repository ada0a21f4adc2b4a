import { describe, expect, it } from "vitest";
import {
  apiSecurityHeaders,
  newNonce,
  pageContentSecurityPolicy,
  pageSecurityHeaders,
  servedOverHttps,
} from "./security-headers";

/** The CSP as a map of directive → sources. */
function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy.split(";").map((part) => {
      const [name = "", ...sources] = part.trim().split(/\s+/);
      return [name, sources] as const;
    }),
  );
}

describe("page security headers", () => {
  it("gives every response its own unguessable nonce", () => {
    const nonces = new Set(Array.from({ length: 50 }, () => newNonce()));
    expect(nonces.size).toBe(50);
    for (const nonce of nonces) expect(Buffer.from(nonce, "base64")).toHaveLength(16);
  });

  it("lets only nonce-bearing scripts (and what they load) run in production", () => {
    const csp = directives(pageContentSecurityPolicy({ nonce: "abc123", dev: false, https: false }));
    expect(csp.get("script-src")).toEqual(["'self'", "'nonce-abc123'", "'strict-dynamic'"]);
    expect(csp.get("style-src")).toEqual(["'self'", "'nonce-abc123'"]);
    expect(csp.get("style-src-attr")).toEqual(["'unsafe-inline'"]);
    expect(csp.get("object-src")).toEqual(["'none'"]);
    expect(csp.get("frame-ancestors")).toEqual(["'none'"]);
    expect(csp.get("base-uri")).toEqual(["'self'"]);
    expect(csp.get("form-action")).toEqual(["'self'"]);
    expect(csp.get("default-src")).toEqual(["'self'"]);
    expect(csp.has("upgrade-insecure-requests")).toBe(false);
  });

  it("adds 'unsafe-eval' and inline styles for next dev only", () => {
    const dev = directives(pageContentSecurityPolicy({ nonce: "n", dev: true, https: false }));
    expect(dev.get("script-src")).toContain("'unsafe-eval'");
    expect(dev.get("script-src")).not.toContain("'unsafe-inline'");
    expect(dev.get("style-src")).toEqual(["'self'", "'unsafe-inline'"]);
    const prod = pageContentSecurityPolicy({ nonce: "n", dev: false, https: true });
    expect(prod).not.toContain("unsafe-eval");
  });

  it("sends framing, referrer and sniffing protection always, HSTS only over https", () => {
    const http = pageSecurityHeaders({ nonce: "n", dev: false, https: false });
    expect(http).toMatchObject({
      "X-Frame-Options": "DENY",
      "Referrer-Policy": "strict-origin-when-cross-origin",
      "X-Content-Type-Options": "nosniff",
    });
    expect(http).not.toHaveProperty("Strict-Transport-Security");
    const https = pageSecurityHeaders({ nonce: "n", dev: false, https: true });
    expect(https["Strict-Transport-Security"]).toMatch(/^max-age=31536000/);
    expect(directives(https["Content-Security-Policy"] ?? "").has("upgrade-insecure-requests")).toBe(true);
  });

  it("decides https from APP_URL or the TLS proxy's X-Forwarded-Proto", () => {
    expect(servedOverHttps("https://books.example.com", null)).toBe(true);
    expect(servedOverHttps("http://localhost:3000", "https")).toBe(true);
    expect(servedOverHttps("http://localhost:3000", "https, http")).toBe(true);
    expect(servedOverHttps("http://localhost:3000", "http")).toBe(false);
    expect(servedOverHttps("http://localhost:3000", null)).toBe(false);
  });
});

describe("API security headers", () => {
  it("let no script run and nothing frame an API response", () => {
    const csp = directives(apiSecurityHeaders["Content-Security-Policy"] ?? "");
    expect(csp.get("default-src")).toEqual(["'none'"]);
    expect(csp.has("script-src")).toBe(false);
    expect(csp.get("frame-ancestors")).toEqual(["'none'"]);
    expect(apiSecurityHeaders).toMatchObject({ "X-Frame-Options": "DENY", "X-Content-Type-Options": "nosniff" });
  });
});
