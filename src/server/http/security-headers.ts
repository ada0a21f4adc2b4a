import { randomBytes } from "node:crypto";

/** A fresh, unguessable CSP nonce (128 bits, base64) for one response. */
export function newNonce(): string {
  return randomBytes(16).toString("base64");
}

/** Does this response go out over https: a public https APP_URL, or a TLS-terminating proxy that says so? */
export function servedOverHttps(appUrl: string, forwardedProto: string | null): boolean {
  // A forged X-Forwarded-Proto over plain http only adds HSTS, which browsers ignore on http responses.
  return appUrl.startsWith("https:") || forwardedProto?.split(",")[0]?.trim() === "https";
}

/** HSTS: a year, subdomains included; sent only over https (browsers ignore it on http anyway). */
export const strictTransportSecurity = "max-age=31536000; includeSubDomains";

/** Headers every response carries, pages and API alike. */
export const baseSecurityHeaders: Record<string, string> = {
  "X-Content-Type-Options": "nosniff",
  // frame-ancestors 'none' in the CSP says the same to current browsers; this covers older ones.
  "X-Frame-Options": "DENY",
  "Referrer-Policy": "strict-origin-when-cross-origin",
  "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=()",
};

/**
 * The pages' Content Security Policy, as Next.js documents it for nonces: Next reads the nonce from this
 * header on the request and puts it on its own scripts; 'strict-dynamic' lets those load the chunks they need.
 * - style-src: the production CSS is a same-origin file and Next's inline styles carry the nonce; `next dev`
 *   injects styles at runtime, hence 'unsafe-inline' there. style-src-attr: React `style={{…}}` attributes
 *   (progress and usage bars, the global error page) cannot carry a nonce; attributes cannot run script.
 * - img-src https: chapter Markdown may show images from any https address (`![](https://…)`).
 * - 'unsafe-eval' only in development: React rebuilds server error stacks with eval there.
 */
export function pageContentSecurityPolicy(options: { nonce: string; dev: boolean; https: boolean }): string {
  const { nonce, dev, https } = options;
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    dev ? "style-src 'self' 'unsafe-inline'" : `style-src 'self' 'nonce-${nonce}'`,
    "style-src-attr 'unsafe-inline'",
    "img-src 'self' blob: data: https:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    // Only over https: on plain http it would rewrite the app's own http:// requests to a port without TLS.
    ...(https ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}

/** Every security header of one page response. */
export function pageSecurityHeaders(options: { nonce: string; dev: boolean; https: boolean }): Record<string, string> {
  return {
    ...baseSecurityHeaders,
    "Content-Security-Policy": pageContentSecurityPolicy(options),
    ...(options.https ? { "Strict-Transport-Security": strictTransportSecurity } : {}),
  };
}

/**
 * API responses are JSON, files and the server-rendered API reference (/api/v1/docs, an inline <style>): no
 * script may run in any of them, and nothing may frame them.
 */
export const apiContentSecurityPolicy =
  "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/** Every security header of API responses (HSTS is added separately, see next.config.ts). */
export const apiSecurityHeaders: Record<string, string> = {
  ...baseSecurityHeaders,
  "Content-Security-Policy": apiContentSecurityPolicy,
};
