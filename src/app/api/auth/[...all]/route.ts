import { auth } from "@/server/auth/auth";
import { withErrorEnvelope } from "@/server/auth/auth-error-envelope";
import { AppError } from "@/server/errors";
import { assertNoControlCharacters } from "@/server/http/control-characters";
import type { RouteContract } from "@/server/http/route-contract";
import { AUTH_BODY_LIMIT_BYTES, readBodyBytes } from "@/server/http/read-body";

/** Our envelope plus better-auth's top-level `code`/`message`, which its client reads. */
function refusal(error: AppError): Response {
  const { code, message, field, status, messageKey, params } = error;
  return Response.json(
    { code, message, error: { code, message, field: field ?? null, messageKey, params } },
    { status },
  );
}

/** The fields that end up stored as text: passwords are only hashed, so any character may stay in them. */
function storedFields(body: unknown): unknown {
  if (body === null || typeof body !== "object" || Array.isArray(body)) return body;
  const hashedOnly = new Set(["password", "newPassword", "currentPassword"]);
  return Object.fromEntries(Object.entries(body).filter(([name]) => !hashedOnly.has(name)));
}

/**
 * The request better-auth receives: its body read here first, capped (these endpoints take no session, so an
 * 8 MB `name` must be refused before it is buffered) and with NUL or control characters in JSON refused.
 */
async function checkedRequest(request: Request): Promise<Request> {
  if (request.method === "GET" || request.method === "HEAD") return request;
  const body = await readBodyBytes(request, AUTH_BODY_LIMIT_BYTES);
  if (request.headers.get("content-type")?.includes("application/json")) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(new TextDecoder().decode(body));
    } catch {
      parsed = undefined; // better-auth answers malformed JSON itself
    }
    assertNoControlCharacters(storedFields(parsed));
  }
  const headers = new Headers(request.headers);
  // The body is now a buffer of known length: the original framing headers no longer describe it.
  headers.delete("content-length");
  headers.delete("transfer-encoding");
  return new Request(request.url, { method: request.method, headers, body, signal: request.signal });
}

async function handler(request: Request): Promise<Response> {
  const path = new URL(request.url).pathname.replace(/^\/api\/auth/, "");
  let checked: Request;
  try {
    checked = await checkedRequest(request);
  } catch (error) {
    if (error instanceof AppError) return refusal(error);
    throw error;
  }
  return withErrorEnvelope(await auth().handler(checked), path);
}

// better-auth speaks its own protocol (its client reads its bodies): declared, not described by a schema.
const delegated: RouteContract = { kind: "delegated" };
export const GET = Object.assign(handler.bind(null), { contract: delegated });
export const POST = Object.assign(handler.bind(null), { contract: delegated });
