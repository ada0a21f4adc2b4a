// The address half of the SSRF guard: which IP addresses and host names are not the public internet, and a
// DNS lookup that refuses a name if ANY of its addresses is one of them. Connections made through
// `guardedLookup` go to the addresses it checked (no second lookup), which is what defeats DNS rebinding.
import { type LookupAddress, promises as dnsPromises, type LookupOptions } from "node:dns";
import { BlockList, isIP, type LookupFunction } from "node:net";

/** Refused because the host is (or resolves to) a loopback, private, link-local or metadata address. */
export class PrivateAddressError extends Error {
  readonly code = "PRIVATE_ADDRESS";
  constructor(
    readonly host: string,
    readonly address?: string,
  ) {
    super(
      address && address !== host
        ? `${host} resolves to ${address}, a private, loopback or link-local address`
        : `${host} is a private, loopback or link-local address`,
    );
    this.name = "PrivateAddressError";
  }
}

/** True when `error` (or its cause chain, as fetch and the SDKs wrap it) is a PrivateAddressError. */
export function findPrivateAddressError(error: unknown): PrivateAddressError | undefined {
  for (let e = error, depth = 0; e && depth < 6; e = (e as { cause?: unknown }).cause, depth++) {
    if (e instanceof PrivateAddressError) return e;
    // Some clients copy the error into an object of their own: recognise it by its code.
    if ((e as { code?: unknown }).code === "PRIVATE_ADDRESS" && e instanceof Error) {
      return new PrivateAddressError((e as { host?: string }).host ?? "the host");
    }
  }
  return undefined;
}

// Everything that is not a unicast address on the public internet (IANA special-purpose registries).
const refusedV4: [string, number][] = [
  ["0.0.0.0", 8], // "this network"
  ["10.0.0.0", 8], // private
  ["100.64.0.0", 10], // carrier-grade NAT
  ["127.0.0.0", 8], // loopback
  ["169.254.0.0", 16], // link-local, cloud metadata (169.254.169.254)
  ["172.16.0.0", 12], // private
  ["192.0.0.0", 24], // IETF protocol assignments
  ["192.0.2.0", 24], // documentation
  ["192.88.99.0", 24], // 6to4 relay anycast
  ["192.168.0.0", 16], // private
  ["198.18.0.0", 15], // benchmarking
  ["198.51.100.0", 24], // documentation
  ["203.0.113.0", 24], // documentation
  ["224.0.0.0", 4], // multicast
  ["240.0.0.0", 4], // reserved, broadcast
];
const refusedV6: [string, number][] = [
  ["::", 128], // unspecified
  ["::1", 128], // loopback
  ["64:ff9b:1::", 48], // local-use NAT64
  ["100::", 64], // discard
  ["2001::", 23], // IETF protocol assignments (Teredo, ORCHID…)
  ["2001:db8::", 32], // documentation
  ["fc00::", 7], // unique local, incl. AWS metadata fd00:ec2::254
  ["fe80::", 10], // link-local
  ["fec0::", 10], // site-local (deprecated)
  ["ff00::", 8], // multicast
];

// Two lists: Node's BlockList matches IPv4 addresses against IPv4-mapped IPv6 rules, which must not happen here.
const refusedIpv4 = new BlockList();
for (const [network, prefix] of refusedV4) refusedIpv4.addSubnet(network, prefix, "ipv4");
const refusedIpv6 = new BlockList();
for (const [network, prefix] of refusedV6) refusedIpv6.addSubnet(network, prefix, "ipv6");

/** The 16 bytes of an IPv6 address (with or without an embedded dotted IPv4 tail). */
function ipv6Bytes(address: string): number[] {
  let text = address;
  const tail: number[] = [];
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted?.[1]) {
    tail.push(...dotted[1].split(".").map(Number));
    text = `${text.slice(0, -dotted[1].length)}0:0`;
  }
  const [head = "", rest] = text.split("::") as [string, string | undefined];
  const groups = (part: string) => (part ? part.split(":").map((g) => Number.parseInt(g, 16)) : []);
  const left = groups(head);
  const right = rest === undefined ? [] : groups(rest);
  const words = [...left, ...new Array(8 - left.length - right.length).fill(0), ...right];
  const bytes = words.flatMap((w) => [w >> 8, w & 0xff]);
  if (tail.length) bytes.splice(12, 4, ...tail);
  return bytes;
}

/** The IPv4 address a NAT64 (64:ff9b::/96) or 6to4 (2002::/16) address leads to, if it is one. */
function embeddedIpv4(address: string): string | undefined {
  const b = ipv6Bytes(address);
  const isNat64 = b[0] === 0 && b[1] === 0x64 && b[2] === 0xff && b[3] === 0x9b && b.slice(4, 12).every((x) => !x);
  if (isNat64) return b.slice(12, 16).join(".");
  if (b[0] === 0x20 && b[1] === 0x02) return b.slice(2, 6).join(".");
  return undefined;
}

/** True for an IP address that is not a public unicast address (loopback, private, link-local, metadata…). */
export function isPrivateAddress(ip: string): boolean {
  const address = ip.replace(/^\[|\]$/g, "").replace(/%.*$/, "");
  const version = isIP(address);
  if (version === 4) return refusedIpv4.check(address, "ipv4");
  if (version === 6) {
    const b = ipv6Bytes(address);
    // IPv4-mapped (::ffff:0:0/96) and IPv4-compatible (::/96) addresses reach an IPv4 host: refused whatever it is.
    if (b.slice(0, 10).every((x) => x === 0) && ((b[10] === 0xff && b[11] === 0xff) || (!b[10] && !b[11]))) {
      return true;
    }
    if (refusedIpv6.check(address, "ipv6")) return true;
    const inner = embeddedIpv4(address);
    return inner !== undefined && refusedIpv4.check(inner, "ipv4");
  }
  return false;
}

/** Names that mean this machine or a cloud metadata service whatever DNS says. */
function isReservedName(name: string): boolean {
  return (
    name === "localhost" ||
    name.endsWith(".localhost") ||
    name === "metadata" ||
    name === "metadata.google.internal" ||
    name === "instance-data" ||
    name.endsWith(".internal")
  );
}

/** True for a host written as a private IP literal or a reserved name (no DNS lookup: see `resolvePublicHost`). */
export function isPrivateHostLiteral(hostname: string): boolean {
  // A trailing dot is the same name ("localhost." is localhost) and brackets wrap IPv6 literals in URLs.
  const host = hostname
    .replace(/^\[|\]$/g, "")
    .toLowerCase()
    .replace(/\.+$/, "");
  if (isIP(host.replace(/%.*$/, ""))) return isPrivateAddress(host);
  return isReservedName(host);
}

/** Resolves every address of a name, like getaddrinfo (honours /etc/hosts). */
export type ResolveHost = (hostname: string) => Promise<LookupAddress[]>;

export const systemResolve: ResolveHost = (hostname) => dnsPromises.lookup(hostname, { all: true, verbatim: true });

/** How the guard resolves names and which addresses it refuses (tests inject both; production uses the defaults). */
export interface GuardOptions {
  resolve?: ResolveHost;
  isRefused?: (ip: string) => boolean;
}

/**
 * The addresses of `hostname`, all public, or PrivateAddressError: a literal is checked as is, a name is
 * refused if it is reserved or if ANY of its addresses is private (an attacker's DNS may answer both).
 */
export async function resolvePublicHost(hostname: string, options: GuardOptions = {}): Promise<LookupAddress[]> {
  const { resolve = systemResolve, isRefused = isPrivateAddress } = options;
  const host = hostname.replace(/^\[|\]$/g, "");
  const family = isIP(host);
  if (family) {
    if (isRefused(host)) throw new PrivateAddressError(host);
    return [{ address: host, family }];
  }
  if (isPrivateHostLiteral(host)) throw new PrivateAddressError(host);
  const addresses = await resolve(host);
  const bad = addresses.find((a) => isRefused(a.address));
  if (bad) throw new PrivateAddressError(host, bad.address);
  return addresses;
}

/**
 * A `lookup` for net/tls/http agents and undici that resolves through `resolvePublicHost`: the socket then
 * connects to one of the addresses just checked. Answers in both styles Node uses (`all` or one address).
 */
export function guardedLookup(guard: GuardOptions = {}): LookupFunction {
  return (hostname: string, options: LookupOptions, callback) => {
    resolvePublicHost(hostname, guard).then(
      (addresses) => {
        const family = options.family === 4 || options.family === "IPv4" ? 4 : options.family === 6 ? 6 : 0;
        const usable = family ? addresses.filter((a) => a.family === family) : addresses;
        const first = usable[0];
        if (!first) {
          const error: NodeJS.ErrnoException = new Error(`getaddrinfo ENOTFOUND ${hostname}`);
          error.code = "ENOTFOUND";
          callback(error, "", 0);
        } else if (options.all) callback(null, usable);
        else callback(null, first.address, first.family);
      },
      (error: NodeJS.ErrnoException) => callback(error, "", 0),
    );
  };
}
