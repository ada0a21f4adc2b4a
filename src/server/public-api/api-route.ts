import "server-only";
import { ZodError, type z } from "zod";
import { assertCan } from "@/server/auth/permissions";
import { AppError } from "@/server/errors";
import { assertNoControlCharacters } from "@/server/http/control-characters";
import { errorResponse, internalErrorResponse, validationError } from "@/server/http/handle-route";
import { DEFAULT_BODY_LIMIT_BYTES, readBodyText } from "@/server/http/read-body";
import { assertJsonBody, assertSameOrigin } from "@/server/http/request-origin";
import { type ApiCtx, apiAccess } from "./api-context";
import type { ApiOperation } from "./api-operation";
import { idempotencyCaller, withIdempotency } from "./idempotency";
import type { RateLimitResult } from "./rate-limit-window";

type Input<S> = [NonNullable<S>] extends [z.ZodType] ? z.output<NonNullable<S>> : undefined;

/** What a v1 handler receives: the authenticated context and its input, already validated. */
export interface ApiHandlerInput<Op extends ApiOperation> {
  request: Request;
  ctx: ApiCtx;
  params: Input<Op["params"]>;
  query: Input<Op["query"]>;
  body: Input<Op["body"]>;
}

/** What a v1 handler answers: its success schema's data or a Response of its own (streams, files); anything for a 204. */
export type ApiHandlerResult<Op extends ApiOperation> = [Op["success"]["schema"]] extends [undefined]
  ? unknown
  : [NonNullable<Op["success"]["schema"]>] extends [z.ZodType]
    ? z.output<NonNullable<Op["success"]["schema"]>> | Response
    : unknown;

/** A route handler that carries the operation it implements (the OpenAPI coverage test reads it). */
export type ApiRouteHandler<Op extends ApiOperation> = ((
  request: Request,
  context: {
    // Path segments arrive as plain strings (Next passes `string` for every segment); the operation's
    // params schema narrows them (e.g. to a format enum) after the call.
    params: Promise<
      [NonNullable<Op["params"]>] extends [z.ZodType]
        ? { [K in keyof z.input<NonNullable<Op["params"]>>]: string }
        : never
    >;
  },
) => Promise<Response>) & { operation: Op };

/** Rate-limit headers sent with every authenticated response (429s included). */
export function rateLimitHeaders(result: RateLimitResult, now = Date.now()): Record<string, string> {
  const headers: Record<string, string> = {
    "x-ratelimit-limit": String(result.limit),
    "x-ratelimit-remaining": String(result.remaining),
    "x-ratelimit-reset": String(Math.ceil(result.resetAt.getTime() / 1000)),
  };
  if (!result.allowed) headers["retry-after"] = String(Math.max(1, Math.ceil((result.resetAt.getTime() - now) / 1000)));
  return headers;
}

function parseWith<S extends z.ZodType | undefined>(schema: S, value: unknown): Input<S> {
  if (!schema) return undefined as Input<S>;
  // The same text rule as the session routes' parseBody/parseQuery: NUL or control characters → 400.
  assertNoControlCharacters(value);
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw validationError(parsed.error);
  return parsed.data as Input<S>;
}

function parseJson(text: string): unknown {
  if (text.trim() === "") return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError("INVALID_JSON", "The request body is not valid JSON");
  }
}

/**
 * Wraps a v1 handler in the public API pipeline: authenticate (API key or session) → rate limit and
 * meter (atomic; for API keys on PostgreSQL in the key lookup's statement, see apiAccess) → permission
 * and scope → validate input → Idempotency-Key (POST) → handler → rate-limit headers on the response,
 * errors as the JSON envelope.
 */
export function apiRoute<Op extends ApiOperation>(
  operation: Op,
  handler: (input: ApiHandlerInput<Op>) => Promise<ApiHandlerResult<Op>>,
): ApiRouteHandler<Op> {
  const route = async (request: Request, context: { params: Promise<unknown> }): Promise<Response> => {
    let limit: RateLimitResult | null = null;
    let response: Response;
    try {
      // The same checks as every session route (handleRoute), before the call is counted: v1 also accepts
      // the browser session, so a cookie-authenticated write must come from the app itself.
      assertSameOrigin(request);
      assertJsonBody(request);
      const access = await apiAccess(request);
      const ctx = access.ctx;
      limit = access.limit;
      if (!limit.allowed) {
        throw new AppError("RATE_LIMITED", `Rate limit of ${limit.limit} requests per minute exceeded`, {
          details: { limit: limit.limit, resetAt: limit.resetAt.toISOString() },
        });
      }
      assertCan(ctx.actor, operation.action);
      const params = parseWith(operation.params, (await context?.params) ?? {});
      const query = parseWith(operation.query, Object.fromEntries(new URL(request.url).searchParams.entries()));
      const bodyText = operation.body
        ? await readBodyText(request, operation.bodyLimitBytes ?? DEFAULT_BODY_LIMIT_BYTES)
        : "";
      const body = parseWith(operation.body, operation.body ? parseJson(bodyText) : undefined);
      const run = async () =>
        toResponse(await handler({ request, ctx, params, query, body } as ApiHandlerInput<Op>), operation);
      const idempotencyKey = request.headers.get("idempotency-key");
      response =
        operation.method === "POST" && idempotencyKey !== null
          ? await withIdempotency(
              ctx.db,
              {
                organizationId: ctx.actor.organizationId,
                caller: idempotencyCaller(ctx.actor),
                key: idempotencyKey,
                method: operation.method,
                path: new URL(request.url).pathname,
                body: bodyText,
              },
              run,
            )
          : await run();
    } catch (error) {
      response = toErrorResponse(error, request);
    }
    return limit ? withHeaders(response, rateLimitHeaders(limit)) : response;
  };
  return Object.assign(route, { operation }) as ApiRouteHandler<Op>;
}

/** Adds headers; responses with immutable headers (Response.redirect, fetched ones) are copied first. */
function withHeaders(response: Response, headers: Record<string, string>): Response {
  try {
    for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
    return response;
  } catch {
    const copy = new Response(response.body, { status: response.status, headers: new Headers(response.headers) });
    for (const [name, value] of Object.entries(headers)) copy.headers.set(name, value);
    return copy;
  }
}

function toResponse(result: unknown, operation: ApiOperation): Response {
  if (result instanceof Response) return result;
  if (operation.success.status === 204) return new Response(null, { status: 204 });
  return Response.json(result, { status: operation.success.status, headers: { "cache-control": "no-store" } });
}

function toErrorResponse(error: unknown, request: Request): Response {
  if (error instanceof AppError) return errorResponse(error);
  if (error instanceof ZodError) return errorResponse(validationError(error));
  return internalErrorResponse(request, error);
}
