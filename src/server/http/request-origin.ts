import "server-only";
import { env } from "@/server/env";
import { AppError } from "@/server/errors";

/** Methods that change state: the ones a forged cross-site request would use. */
const mutatingMethods = new Set(["POST", "PUT", "PATCH", "DELETE"]);

export const isMutatingMethod = (method: string) => mutatingMethods.has(method.toUpperCase());

/**
 * better-auth's cookies (session token, and the session cache if it is ever enabled), plain or with the
 * `__Secure-` prefix they get on https. Any of them means the browser may authenticate the request.
 */
const authCookiePattern = /^(?:__Secure-|__Host-)?better-auth[.-]/;

/** True when the request carries a better-auth cookie (so a browser could have sent it on the user's behalf). */
export function hasSessionCookie(request: Request): boolean {
  const header = request.headers.get("cookie");
  if (!header) return false;
  return header.split(";").some((part) => authCookiePattern.test(part.trim().split("=")[0] ?? ""));
}

/** True for `Authorization: Bearer …`: a browser cannot add it to a cross-site request without a CORS preflight we never grant. */
const hasBearerAuthorization = (request: Request) => /^Bearer\s/i.test(request.headers.get("authorization") ?? "");

/**
 * The origins the browser may call us from: APP_URL's, and on a loopback host both spellings (localhost
 * and 127.0.0.1 are the same machine). Never derived from the request's Host header, which the caller
 * controls.
 */
export function trustedOrigins(appUrl: string): string[] {
  const url = new URL(appUrl);
  if (url.hostname !== "localhost" && url.hostname !== "127.0.0.1") return [url.origin];
  const port = url.port ? `:${url.port}` : "";
  return [`${url.protocol}//localhost${port}`, `${url.protocol}//127.0.0.1${port}`];
}

/**
 * CSRF defence for cookie-authenticated writes: a mutating request that carries a session cookie (and no
 * API key) must come from the app itself. `Origin` must be one of APP_URL's origins; without `Origin`,
 * `Sec-Fetch-Site: same-origin` is accepted. Anything else — a foreign or `null` origin, no header at
 * all — is refused with 403 FORBIDDEN_ORIGIN: browsers send at least one of them on every write, and
 * programs authenticate with API keys, not cookies.
 */
export function assertSameOrigin(request: Request, appUrl = env().APP_URL): void {
  if (!isMutatingMethod(request.method) || !hasSessionCookie(request) || hasBearerAuthorization(request)) return;
  const origin = request.headers.get("origin");
  if (origin !== null) {
    if (trustedOrigins(appUrl).includes(origin)) return;
    throw new AppError("FORBIDDEN_ORIGIN", `Requests from ${origin.slice(0, 200)} may not change anything here`, {
      field: "origin",
    });
  }
  if (request.headers.get("sec-fetch-site") === "same-origin") return;
  throw new AppError("FORBIDDEN_ORIGIN", "This request does not say where it comes from (Origin header)", {
    field: "origin",
  });
}

/** `application/json`, with or without parameters such as `charset=utf-8`. */
const isJsonMediaType = (contentType: string) => contentType.split(";")[0]!.trim().toLowerCase() === "application/json";

/** A body announced on the wire: a non-zero Content-Length or a chunked Transfer-Encoding. */
function declaresBody(request: Request): boolean {
  const length = request.headers.get("content-length");
  if (length !== null) return length.trim() !== "0";
  return request.headers.has("transfer-encoding");
}

/**
 * A mutating request's body must be JSON: 415 UNSUPPORTED_MEDIA_TYPE for any other declared type (the
 * form and text/plain bodies a cross-site page can send without a preflight) and for a body without one.
 * A write without a body (no Content-Type, no length) passes.
 */
export function assertJsonBody(request: Request): void {
  if (!isMutatingMethod(request.method)) return;
  const contentType = request.headers.get("content-type");
  if (contentType === null ? !declaresBody(request) : isJsonMediaType(contentType)) return;
  throw new AppError("UNSUPPORTED_MEDIA_TYPE", "Send the request body as application/json", { field: "content-type" });
}
