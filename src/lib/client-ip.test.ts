import { describe, expect, it } from "vitest";
import { normalizeIp, parseTrustedProxies, resolveClientIp, setPeerAddressHeader } from "./client-ip";

const noProxy = parseTrustedProxies("0");

describe("resolveClientIp", () => {
  it("with no trusted proxy, uses the TCP peer and ignores whatever the client wrote in X-Forwarded-For", () => {
    for (const forged of ["1.2.3.4", "1.2.3.4, 5.6.7.8", "garbage", "", "::1"]) {
      expect(resolveClientIp({ forwardedFor: forged, peer: "203.0.113.7" }, noProxy)).toBe("203.0.113.7");
    }
  });

  it("with a hop count, takes the address the outermost trusted proxy appended", () => {
    const oneProxy = parseTrustedProxies("1");
    // The client forged two entries; the proxy appended the address it saw (198.51.100.20).
    expect(resolveClientIp({ forwardedFor: "1.1.1.1, 2.2.2.2, 198.51.100.20", peer: "10.0.0.2" }, oneProxy)).toBe(
      "198.51.100.20",
    );
    const twoProxies = parseTrustedProxies("2");
    expect(resolveClientIp({ forwardedFor: "6.6.6.6, 198.51.100.20, 10.0.0.9", peer: "10.0.0.2" }, twoProxies)).toBe(
      "198.51.100.20",
    );
    // A request that skipped the proxy: the leftmost entry is the furthest anyone saw.
    expect(resolveClientIp({ forwardedFor: null, peer: "198.51.100.20" }, oneProxy)).toBe("198.51.100.20");
  });

  it("with proxy CIDRs, walks from the right past trusted proxies only", () => {
    const trust = parseTrustedProxies("10.0.0.0/8, 2001:db8::/32");
    expect(resolveClientIp({ forwardedFor: "6.6.6.6, 198.51.100.20, 10.1.2.3", peer: "10.0.0.2" }, trust)).toBe(
      "198.51.100.20",
    );
    // A peer that is not a trusted proxy is the client, whatever it forwarded.
    expect(resolveClientIp({ forwardedFor: "6.6.6.6", peer: "192.0.2.50" }, trust)).toBe("192.0.2.50");
    expect(resolveClientIp({ forwardedFor: "2001:db8::5", peer: "2001:db8::1" }, trust)).toBe("2001:db8::5");
    // Everything trusted: the leftmost entry.
    expect(resolveClientIp({ forwardedFor: "10.9.9.9", peer: "10.0.0.2" }, trust)).toBe("10.9.9.9");
    // A garbage entry written left of the proxy: stop at the proxy itself.
    expect(resolveClientIp({ forwardedFor: "not-an-ip", peer: "10.0.0.2" }, trust)).toBe("10.0.0.2");
  });

  it("without a peer (not behind our server), falls back to the rightmost forwarded entry", () => {
    expect(resolveClientIp({ forwardedFor: "203.0.113.7", peer: null }, noProxy)).toBe("203.0.113.7");
    expect(resolveClientIp({ forwardedFor: null, peer: null }, noProxy)).toBeNull();
  });
});

describe("normalizeIp", () => {
  it("unwraps IPv4-mapped IPv6 and ports, and rejects non-addresses", () => {
    expect(normalizeIp("::ffff:127.0.0.1")).toBe("127.0.0.1");
    expect(normalizeIp(" 203.0.113.7:8080 ")).toBe("203.0.113.7");
    expect(normalizeIp("[2001:DB8::1]:443")).toBe("2001:db8::1");
    expect(normalizeIp("evil.example")).toBeNull();
    expect(normalizeIp("")).toBeNull();
  });
});

describe("parseTrustedProxies", () => {
  it("refuses malformed values instead of guessing", () => {
    for (const bad of ["-1", "11", "10.0.0.0/33", "proxy.internal", "10.0.0.0/8,,", "2001:db8::/129"]) {
      expect(() => parseTrustedProxies(bad), bad).toThrow(/TRUSTED_PROXIES/);
    }
    expect(parseTrustedProxies("")).toEqual({ hops: 0 });
    expect(parseTrustedProxies("3")).toEqual({ hops: 3 });
  });
});

describe("setPeerAddressHeader", () => {
  it("replaces a client-sent peer header with the socket's address", () => {
    const request = {
      headers: { "x-scriptorium-peer-address": "6.6.6.6" } as Record<string, string | string[] | undefined>,
      socket: { remoteAddress: "::ffff:192.0.2.44" },
    };
    setPeerAddressHeader(request);
    expect(request.headers["x-scriptorium-peer-address"]).toBe("192.0.2.44");
    const unknown = { headers: { "x-scriptorium-peer-address": "6.6.6.6" }, socket: {} };
    setPeerAddressHeader(unknown);
    expect(unknown.headers["x-scriptorium-peer-address"]).toBeUndefined();
  });
});
