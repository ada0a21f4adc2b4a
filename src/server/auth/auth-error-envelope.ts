import "server-only";
import { describeErrorMessage } from "@/server/errors";

/** better-auth error codes whose field is implied rather than named in the message. */
const impliedField: Record<string, string> = {
  PASSWORD_TOO_SHORT: "password",
  PASSWORD_TOO_LONG: "password",
  INVALID_EMAIL: "email",
  INVALID_EMAIL_OR_PASSWORD: "password",
  USER_ALREADY_EXISTS: "email",
  USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL: "email",
  EMAIL_NOT_VERIFIED: "email",
  INVALID_TOKEN: "token",
  BAD_REQUEST: "body",
};

/**
 * Adds our `{ error: { code, message, field, messageKey, params } }` envelope to better-auth's error responses, keeping its
 * own top-level `code`/`message` so the better-auth client still reads them.
 */
export async function withErrorEnvelope(response: Response, path: string): Promise<Response> {
  const isJson = response.headers.get("content-type")?.includes("application/json");
  if (response.status < 400 || !isJson) return response;
  const body = (await response
    .clone()
    .json()
    .catch(() => null)) as { code?: string; message?: string; field?: unknown; error?: unknown } | null;
  if (!body || typeof body !== "object" || body.error !== undefined) return response;
  const code = body.code ?? (response.status === 429 ? "RATE_LIMITED" : "AUTH_ERROR");
  const rawMessage = body.message ?? response.statusText;
  // Our own hooks name the field; better-auth's messages carry it as [body.x] or imply it by their code.
  let field =
    (typeof body.field === "string" ? body.field : null) ??
    rawMessage.match(/\[body\.([\w.]+)\]/)?.[1] ??
    impliedField[code] ??
    null;
  if (field === "password" && path.startsWith("/reset-password")) field = "newPassword";
  const headers = new Headers(response.headers);
  headers.delete("content-length");
  // Keyed like our own errors, so the UI says them in the reader's language; a message our hooks wrote as a
  // key ("name: validation.name.required") reads as its English sentence.
  const described = describeErrorMessage(code, rawMessage, field ?? undefined);
  const message = `${described.prefix}${described.english}`;
  const error = { code, message, field, messageKey: described.key, params: described.params };
  return new Response(JSON.stringify({ ...body, code, message, error }), {
    status: response.status,
    statusText: response.statusText,
    headers,
  });
}
