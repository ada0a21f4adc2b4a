import { type NextRequest, NextResponse } from "next/server";
import { env } from "@/server/env";
import { newNonce, pageSecurityHeaders, servedOverHttps } from "@/server/http/security-headers";

/**
 * Security headers of every page, with a fresh CSP nonce per request (Next.js's documented nonce pattern:
 * the CSP on the request tells Next which nonce to put on its scripts). Every page is rendered per request
 * already (the root layout reads the locale cookie), as nonces require.
 */
export function proxy(request: NextRequest) {
  const headers = pageSecurityHeaders({
    nonce: newNonce(),
    dev: env().NODE_ENV === "development",
    https: servedOverHttps(env().APP_URL, request.headers.get("x-forwarded-proto")),
  });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("content-security-policy", headers["Content-Security-Policy"] ?? "");
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}

export const config = {
  // Pages only. Static assets need no CSP. API routes get their (static) headers from next.config.ts: a proxy
  // on them would make Next buffer every request body for it (and cut bodies above proxyClientMaxBodySize).
  matcher: ["/((?!api/|_next/static/|_next/image|favicon\\.ico).*)"],
};
