import { BlockList, isIP } from "node:net";

/**
 * Header our web server (scripts/web-server.ts) sets to the TCP peer's address, after deleting any copy
 * the client sent. Next's own server only fills X-Forwarded-For with the peer when the client sent none
 * (`??=`), so without this the real peer of a request carrying a forged X-Forwarded-For is lost.
 */
export const PEER_ADDRESS_HEADER = "x-scriptorium-peer-address";

const serverMarker = Symbol.for("scriptorium.peerAddressHeader");

/** Called once by our web server: from now on PEER_ADDRESS_HEADER is ours, not the client's. */
export function markPeerAddressHeaderTrusted(): void {
  (globalThis as Record<symbol, unknown>)[serverMarker] = true;
}

/** True when this process serves requests through our web server, which sets PEER_ADDRESS_HEADER itself. */
export function peerAddressHeaderTrusted(): boolean {
  return (globalThis as Record<symbol, unknown>)[serverMarker] === true;
}

/**
 * Which forwarded hops to believe: none (`0`, the default: the TCP peer is the client), a number of
 * proxies in front of the app (each appends to X-Forwarded-For), or the addresses/CIDRs of those proxies.
 */
export type ProxyTrust = { hops: number } | { proxies: BlockList };

/** "::ffff:203.0.113.7" (IPv4 on a dual-stack socket) → "203.0.113.7"; anything not an IP → null. */
export function normalizeIp(value: string | null | undefined): string | null {
  if (!value) return null;
  let ip = value.trim();
  // "[2001:db8::1]:443" and "203.0.113.7:443" (some proxies add the port).
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(ip);
  if (bracketed) ip = bracketed[1]!;
  else if (/^\d+\.\d+\.\d+\.\d+:\d+$/.test(ip)) ip = ip.slice(0, ip.lastIndexOf(":"));
  if (ip.toLowerCase().startsWith("::ffff:") && isIP(ip.slice(7)) === 4) ip = ip.slice(7);
  return isIP(ip) ? ip.toLowerCase() : null;
}

/**
 * Parses TRUSTED_PROXIES: empty or "0" = no proxy, a whole number = that many proxies, otherwise a
 * comma-separated list of addresses and CIDRs ("10.0.0.0/8, 2001:db8::/32, 192.0.2.10").
 * Throws on anything else, so a typo cannot silently trust (or distrust) every client.
 */
export function parseTrustedProxies(value: string | undefined): ProxyTrust {
  const text = (value ?? "").trim();
  if (text === "") return { hops: 0 };
  if (/^\d+$/.test(text)) {
    const hops = Number(text);
    if (hops > 10) throw new Error("TRUSTED_PROXIES: at most 10 proxy hops");
    return { hops };
  }
  const proxies = new BlockList();
  for (const entry of text.split(",").map((part) => part.trim())) {
    const [address, prefix] = entry.split("/");
    const ip = normalizeIp(address);
    const family = ip ? (isIP(ip) === 4 ? "ipv4" : "ipv6") : null;
    if (!ip || !family) throw new Error(`TRUSTED_PROXIES: "${entry}" is not an IP address or CIDR`);
    if (prefix === undefined) {
      proxies.addAddress(ip, family);
      continue;
    }
    const bits = /^\d+$/.test(prefix) ? Number(prefix) : Number.NaN;
    if (!(bits >= 0 && bits <= (family === "ipv4" ? 32 : 128))) {
      throw new Error(`TRUSTED_PROXIES: "${entry}" has an invalid prefix length`);
    }
    proxies.addSubnet(ip, bits, family);
  }
  return { proxies };
}

const isTrustedProxy = (proxies: BlockList, ip: string) => proxies.check(ip, isIP(ip) === 4 ? "ipv4" : "ipv6");

/**
 * The client's address. The chain is X-Forwarded-For's entries followed by the TCP peer; it is walked
 * from the right (the end we can vouch for), skipping only hops we trust. With no trusted proxy the
 * peer itself is the client and whatever the client wrote in X-Forwarded-For or X-Real-IP is ignored.
 * X-Real-IP is never read: a proxy that sets it also appends X-Forwarded-For.
 */
export function resolveClientIp(
  input: { forwardedFor: string | null; peer: string | null },
  trust: ProxyTrust,
): string | null {
  const chain = (input.forwardedFor ?? "").split(",").map((entry) => normalizeIp(entry));
  if (input.forwardedFor === null || input.forwardedFor.trim() === "") chain.length = 0;
  const peer = normalizeIp(input.peer);
  if (peer) chain.push(peer);
  if (chain.length === 0) return null;
  if ("hops" in trust) {
    // The entry `hops` places left of the peer was written by our outermost trusted proxy; a shorter
    // chain means the request skipped a proxy, and then its leftmost (furthest) entry is the best we have.
    return chain[Math.max(0, chain.length - 1 - trust.hops)] ?? null;
  }
  for (let i = chain.length - 1; i >= 0; i--) {
    const ip = chain[i];
    // An unparseable entry left of a trusted proxy: the proxy wrote nothing usable, stop at the proxy.
    if (!ip) return chain[i + 1] ?? null;
    if (i === 0 || !isTrustedProxy(trust.proxies, ip)) return ip;
  }
  return null;
}

/**
 * Records the TCP peer of a Node request in PEER_ADDRESS_HEADER, replacing whatever the client sent
 * under that name. Our web server calls it before Next sees the request.
 */
export function setPeerAddressHeader(request: {
  headers: Record<string, string | string[] | undefined>;
  socket: { remoteAddress?: string };
}): void {
  delete request.headers[PEER_ADDRESS_HEADER];
  const peer = normalizeIp(request.socket.remoteAddress);
  if (peer) request.headers[PEER_ADDRESS_HEADER] = peer;
}
