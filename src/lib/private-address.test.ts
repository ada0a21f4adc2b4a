import type { LookupAddress } from "node:dns";
import { hostname } from "node:os";
import { describe, expect, it } from "vitest";
import {
  guardedLookup,
  isPrivateAddress,
  isPrivateHostLiteral,
  PrivateAddressError,
  type ResolveHost,
  resolvePublicHost,
} from "./private-address";

/** A resolver answering from a fixed table, counting calls (to prove there is one lookup per connection). */
function tableResolver(table: Record<string, string[]>) {
  const calls: string[] = [];
  const resolve: ResolveHost = async (host) => {
    calls.push(host);
    const addresses = table[host];
    if (!addresses) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: "ENOTFOUND" });
    return addresses.map((address) => ({ address, family: address.includes(":") ? 6 : 4 }));
  };
  return { resolve, calls };
}

describe("isPrivateAddress", () => {
  it.each([
    "127.0.0.1",
    "127.255.255.254",
    "0.0.0.0",
    "10.0.0.1",
    "100.64.0.1",
    "100.127.255.255",
    "169.254.169.254",
    "172.16.0.1",
    "172.31.255.255",
    "192.168.0.10",
    "198.18.0.1",
    "224.0.0.1",
    "255.255.255.255",
    "::",
    "::1",
    "[::1]",
    "::ffff:127.0.0.1",
    "::ffff:7f00:1",
    "::ffff:8.8.8.8",
    "::127.0.0.1",
    "fd00:ec2::254",
    "fc00::1",
    "fe80::1",
    "fe80::1%eth0",
    "64:ff9b::7f00:1",
    "64:ff9b::169.254.169.254",
    "2002:7f00:1::1",
    "2002:a9fe:a9fe::",
    "2001:db8::1",
    "ff02::1",
  ])("refuses %s", (ip) => {
    expect(isPrivateAddress(ip)).toBe(true);
  });

  it.each([
    "8.8.8.8",
    "1.1.1.1",
    "172.32.0.1",
    "100.128.0.1",
    "169.255.0.1",
    "2606:4700:4700::1111",
    "64:ff9b::808:808",
    "2002:808:808::1",
  ])("accepts %s", (ip) => {
    expect(isPrivateAddress(ip)).toBe(false);
  });
});

describe("isPrivateHostLiteral", () => {
  it("refuses reserved names, their trailing-dot spellings and private literals, not other names", () => {
    for (const host of [
      "localhost",
      "LOCALHOST.",
      "api.localhost",
      "metadata.google.internal",
      "metadata.google.internal.",
      "metadata",
      "db.internal",
      "127.0.0.1",
      "[::1]",
      "[fd00:ec2::254]",
    ]) {
      expect(isPrivateHostLiteral(host), host).toBe(true);
    }
    for (const host of ["api.openai.com", "8.8.8.8", "[2606:4700::1111]", "localhost.example.com"]) {
      expect(isPrivateHostLiteral(host), host).toBe(false);
    }
  });
});

describe("resolvePublicHost", () => {
  it("refuses a name when any of its addresses is private, even if another is public", async () => {
    const { resolve } = tableResolver({ "mixed.example": ["8.8.8.8", "127.0.0.1"] });
    const error = await resolvePublicHost("mixed.example", { resolve }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PrivateAddressError);
    expect((error as PrivateAddressError).message).toBe(
      "mixed.example resolves to 127.0.0.1, a private, loopback or link-local address",
    );
  });

  it("refuses names resolving to the cloud metadata addresses", async () => {
    const { resolve } = tableResolver({ "aws.example": ["169.254.169.254"], "aws6.example": ["fd00:ec2::254"] });
    await expect(resolvePublicHost("aws.example", { resolve })).rejects.toBeInstanceOf(PrivateAddressError);
    await expect(resolvePublicHost("aws6.example", { resolve })).rejects.toBeInstanceOf(PrivateAddressError);
  });

  it("returns every address of a public name, and checks literals without any lookup", async () => {
    const { resolve, calls } = tableResolver({ "public.example": ["8.8.8.8", "2606:4700:4700::1111"] });
    expect(await resolvePublicHost("public.example", { resolve })).toEqual([
      { address: "8.8.8.8", family: 4 },
      { address: "2606:4700:4700::1111", family: 6 },
    ]);
    expect(await resolvePublicHost("[2606:4700::1111]", { resolve })).toEqual([
      { address: "2606:4700::1111", family: 6 },
    ]);
    await expect(resolvePublicHost("10.0.0.1", { resolve })).rejects.toBeInstanceOf(PrivateAddressError);
    await expect(resolvePublicHost("localhost", { resolve })).rejects.toBeInstanceOf(PrivateAddressError);
    expect(calls).toEqual(["public.example"]);
  });

  it("refuses this machine's own host name through the real resolver (/etc/hosts maps it to loopback)", async () => {
    const error = await resolvePublicHost(hostname()).catch((e: unknown) => e);
    expect(error, `${hostname()} should resolve to a loopback address on this machine`).toBeInstanceOf(
      PrivateAddressError,
    );
  });
});

describe("guardedLookup", () => {
  function lookup(host: string, options: { all?: boolean; family?: number }, resolve: ResolveHost) {
    return new Promise<{ error: Error | null; address: string | LookupAddress[]; family?: number }>((done) => {
      guardedLookup({ resolve })(host, options, (error, address, family) => done({ error, address, family }));
    });
  }

  it("answers with the checked addresses, in the single-address and `all` styles Node asks for", async () => {
    const { resolve, calls } = tableResolver({ "public.example": ["2606:4700:4700::1111", "8.8.8.8"] });
    expect(await lookup("public.example", {}, resolve)).toEqual({
      error: null,
      address: "2606:4700:4700::1111",
      family: 6,
    });
    expect(await lookup("public.example", { family: 4 }, resolve)).toEqual({
      error: null,
      address: "8.8.8.8",
      family: 4,
    });
    expect((await lookup("public.example", { all: true }, resolve)).address).toEqual([
      { address: "2606:4700:4700::1111", family: 6 },
      { address: "8.8.8.8", family: 4 },
    ]);
    expect(calls).toHaveLength(3);
  });

  it("fails the connection with PrivateAddressError for a name resolving to loopback", async () => {
    const { resolve } = tableResolver({ "rebind.example": ["127.0.0.1"] });
    const result = await lookup("rebind.example", { all: true }, resolve);
    expect(result.error).toBeInstanceOf(PrivateAddressError);
  });
});
