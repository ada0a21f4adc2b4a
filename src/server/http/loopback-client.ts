import "server-only";
import { isIP } from "node:net";

/** True for a loopback address or name: 127.0.0.0/8, ::1 (with or without brackets), localhost, *.localhost. */
export function isLoopbackHost(host: string | null | undefined): boolean {
  if (!host) return false;
  const name = host
    .trim()
    .toLowerCase()
    .replace(/^\[(.*)\]$/, "$1");
  if (name === "localhost" || name.endsWith(".localhost")) return true;
  if (name === "::1" || name === "0:0:0:0:0:0:0:1") return true;
  if (name.startsWith("::ffff:")) return isLoopbackHost(name.slice("::ffff:".length));
  return isIP(name) === 4 && name.startsWith("127.");
}

/** The host name of a Host header value (`localhost:3000`, `[::1]:3000`), or null when it does not parse. */
function hostNameOf(hostHeader: string | null): string | null {
  if (!hostHeader) return null;
  try {
    return new URL(`http://${hostHeader}`).hostname;
  } catch {
    return null;
  }
}

/**
 * Is this request from a client on this machine? Route handlers never see the socket, so it is established
 * only from what is sound together:
 * - the web server accepts loopback connections only (`serverHost`, the HOST that scripts/start.ts hands to
 *   `next -H`); bound to all interfaces, nothing in the request can prove where it came from;
 * - the Host header names a loopback host, so a DNS-rebinding page (its own name, resolved to 127.0.0.1) or a
 *   reverse proxy publishing the server under a real name does not pass;
 * - no proxy reported another client: every X-Forwarded-For / X-Real-IP address is loopback (Next fills
 *   X-Forwarded-For with the socket address when it is absent) and there is no `Forwarded` header.
 */
export function isLoopbackClient(headers: Headers, serverHost: string | undefined): boolean {
  if (!isLoopbackHost(serverHost)) return false;
  if (!isLoopbackHost(hostNameOf(headers.get("host")))) return false;
  if (headers.has("forwarded")) return false;
  const forwardedFor = headers.get("x-forwarded-for");
  if (forwardedFor && !forwardedFor.split(",").every((hop) => isLoopbackHost(hop))) return false;
  const realIp = headers.get("x-real-ip");
  return !realIp || isLoopbackHost(realIp);
}
