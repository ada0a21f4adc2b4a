import "server-only";
import {
  PEER_ADDRESS_HEADER,
  type ProxyTrust,
  parseTrustedProxies,
  peerAddressHeaderTrusted,
  resolveClientIp,
} from "@/lib/client-ip";
import type { RequestMeta } from "@/server/context";
import { env } from "@/server/env";

let trust: ProxyTrust | undefined;
let warnedNoPeerHeader = false;

/** TRUSTED_PROXIES, parsed once (env.ts has already refused a malformed value). */
export function trustedProxies(): ProxyTrust {
  trust ??= parseTrustedProxies(env().TRUSTED_PROXIES);
  return trust;
}

/**
 * The caller's IP address: the TCP peer, or the address our trusted proxies saw (TRUSTED_PROXIES).
 * Client-written X-Forwarded-For entries are never believed beyond the trusted hops.
 */
export function clientIp(headers: Headers): string | null {
  const trusted = peerAddressHeaderTrusted();
  if (!trusted && env().NODE_ENV === "production" && !warnedNoPeerHeader) {
    warnedNoPeerHeader = true;
    console.warn(
      "Not served by scripts/web-server.ts (npm start / npm run web): the TCP peer address is unknown when a client sends X-Forwarded-For, so per-IP sign-in limits can be evaded.",
    );
  }
  return resolveClientIp(
    { forwardedFor: headers.get("x-forwarded-for"), peer: trusted ? headers.get(PEER_ADDRESS_HEADER) : null },
    trustedProxies(),
  );
}

/** IP address and user agent behind these request headers (none known without headers), for the activity log. */
export function metaFromHeaders(headers: Headers | undefined): RequestMeta {
  if (!headers) return { ipAddress: null, userAgent: null };
  return { ipAddress: clientIp(headers), userAgent: headers.get("user-agent")?.slice(0, 500) ?? null };
}

/** IP address and user agent of a request, for the activity log. */
export const requestMeta = (request: Request): RequestMeta => metaFromHeaders(request.headers);
