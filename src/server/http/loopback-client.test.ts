import { describe, expect, it } from "vitest";
import { isLoopbackClient, isLoopbackHost } from "./loopback-client";

const headers = (values: Record<string, string>) => new Headers(values);

describe("isLoopbackHost", () => {
  it("accepts loopback addresses and names only", () => {
    for (const host of ["127.0.0.1", "127.1.2.3", "::1", "[::1]", "localhost", "app.localhost", "::ffff:127.0.0.1"]) {
      expect(isLoopbackHost(host), host).toBe(true);
    }
    for (const host of ["0.0.0.0", "::", "10.0.0.1", "192.168.1.2", "127.0.0.1.evil.example", "localhost.evil", ""]) {
      expect(isLoopbackHost(host), host).toBe(false);
    }
    expect(isLoopbackHost(undefined)).toBe(false);
  });
});

describe("isLoopbackClient", () => {
  const local = { host: "localhost:3000", "x-forwarded-for": "::1" };

  it("trusts a loopback client of a loopback-only server", () => {
    expect(isLoopbackClient(headers(local), "127.0.0.1")).toBe(true);
    expect(isLoopbackClient(headers({ host: "127.0.0.1:3000" }), "::1")).toBe(true);
  });

  it("never trusts a server that listens on every interface or whose binding is unknown", () => {
    for (const serverHost of ["0.0.0.0", "::", "192.168.1.2", undefined]) {
      expect(isLoopbackClient(headers(local), serverHost), String(serverHost)).toBe(false);
    }
  });

  it("refuses foreign Host names and proxied clients", () => {
    expect(isLoopbackClient(headers({ ...local, host: "rebind.attacker.example" }), "127.0.0.1")).toBe(false);
    expect(isLoopbackClient(headers({ ...local, host: "not a host" }), "127.0.0.1")).toBe(false);
    expect(isLoopbackClient(headers({ host: "localhost" }), "127.0.0.1")).toBe(true);
    expect(isLoopbackClient(headers({ ...local, "x-forwarded-for": "127.0.0.1, 203.0.113.9" }), "127.0.0.1")).toBe(
      false,
    );
    expect(isLoopbackClient(headers({ ...local, forwarded: "for=127.0.0.1" }), "127.0.0.1")).toBe(false);
    expect(isLoopbackClient(headers({ ...local, "x-real-ip": "203.0.113.9" }), "127.0.0.1")).toBe(false);
  });
});
