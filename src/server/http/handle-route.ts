import "server-only";
import { randomUUID } from "node:crypto";
import { ZodError, type ZodType } from "zod";
import { isLocale, type Locale, localeCookie, localeFromAcceptLanguage } from "@/i18n/locales";
import { describeIssue } from "@/i18n/validation/describe-issue";
import { messageFor } from "@/i18n/validation/message-for";
import type { MessageParams } from "@/i18n/validation/render-message";
import { AppError } from "@/server/errors";
import { assertNoControlCharacters } from "./control-characters";
import type { RouteContract } from "./route-contract";
import { DEFAULT_BODY_LIMIT_BYTES, readBodyText } from "./read-body";
import { assertJsonBody, assertSameOrigin } from "./request-origin";

/**
 * The JSON error envelope every route returns: `code`, the English (or localized) `message` and the `field`,
 * plus `messageKey` and `params` for clients that translate by key (the UI does).
 */
export function errorResponse(error: AppError, headers?: HeadersInit): Response {
  return Response.json(
    {
      error: {
        code: error.code,
        message: error.message,
        field: error.field ?? null,
        messageKey: error.messageKey,
        params: error.params,
        ...(error.details ?? {}),
      },
    },
    { status: error.status, headers },
  );
}

/** A failure nobody expected: logged with a request id, answered 500 without internals. */
export function internalErrorResponse(request: Request, error: unknown): Response {
  const requestId = randomUUID();
  console.error(`[${requestId}] ${request.method} ${new URL(request.url).pathname} failed:`, error);
  return errorResponse(new AppError("INTERNAL", "Something went wrong on our side", { details: { requestId } }));
}

/** One entry of a validation error's `issues`: the field, its English message, its key and parameters. */
type IssueEntry = { field: string; message: string; messageKey: string; params: MessageParams };

/** Turns a Zod failure into a 400 naming the first field at fault (every issue is listed in `issues`). */
export function validationError(error: ZodError): AppError {
  const issues: IssueEntry[] = error.issues.map((issue) => {
    const { key, params } = describeIssue(issue);
    return { field: issue.path.join("."), message: messageFor(key, params, "en"), messageKey: key, params };
  });
  const first = issues[0];
  if (!first) return new AppError("VALIDATION_FAILED", "Invalid input", { messageKey: "validation.invalid" });
  const field = first.field === "" ? undefined : first.field;
  return new AppError("VALIDATION_FAILED", `${field ? `${field}: ` : ""}${first.message}`, {
    field,
    messageKey: first.messageKey,
    params: first.params,
    details: { issues },
  });
}

/** The locale the caller reads: the UI's `locale` cookie, else Accept-Language (API clients: English). */
export function requestLocale(request: Request): Locale {
  const cookie = request.headers
    .get("cookie")
    ?.split(";")
    .map((part) => part.trim().split("="))
    .find(([name]) => name === localeCookie)?.[1];
  if (isLocale(cookie)) return cookie;
  return localeFromAcceptLanguage(request.headers.get("accept-language"));
}

function isIssueEntry(value: unknown): value is IssueEntry {
  return typeof value === "object" && value !== null && "messageKey" in value && "params" in value;
}

/**
 * A validation error with its messages in the caller's language, rendered from their keys (codes, fields,
 * keys and parameters never change; other errors keep their English message, the UI translates their code).
 */
export function localizeValidationError(error: AppError, locale: Locale): AppError {
  if (locale === "en" || error.code !== "VALIDATION_FAILED") return error;
  const prefix = error.field && error.message.startsWith(`${error.field}: `) ? `${error.field}: ` : "";
  const issues = error.details?.issues;
  const details = Array.isArray(issues)
    ? {
        ...error.details,
        issues: issues.map((issue: unknown) =>
          isIssueEntry(issue) ? { ...issue, message: messageFor(issue.messageKey, issue.params, locale) } : issue,
        ),
      }
    : error.details;
  return new AppError(error.code, `${prefix}${messageFor(error.messageKey, error.params, locale)}`, {
    status: error.status,
    field: error.field,
    details,
    messageKey: error.messageKey,
    params: error.params,
  });
}

/**
 * Reads and validates a JSON body; malformed JSON or a wrong shape becomes a 400 with the field at fault.
 * The body is capped (413 PAYLOAD_TOO_LARGE before it is buffered; routes that take long text pass their own
 * `limitBytes`), and text with NUL or other control characters is refused (400 with its path).
 */
export async function parseBody<T>(
  request: Request,
  schema: ZodType<T>,
  options: { limitBytes?: number } = {},
): Promise<T> {
  let raw: unknown;
  const text = await readBodyText(request, options.limitBytes ?? DEFAULT_BODY_LIMIT_BYTES);
  if (text.trim() === "") raw = {};
  else {
    try {
      raw = JSON.parse(text);
    } catch {
      throw new AppError("INVALID_JSON", "The request body is not valid JSON");
    }
  }
  assertNoControlCharacters(raw);
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw validationError(parsed.error);
  return parsed.data;
}

/** Validates query parameters with a schema (400 with the field at fault; control characters refused). */
export function parseQuery<T>(request: Request, schema: ZodType<T>): T {
  const params = Object.fromEntries(new URL(request.url).searchParams.entries());
  assertNoControlCharacters(params);
  const parsed = schema.safeParse(params);
  if (!parsed.success) throw validationError(parsed.error);
  return parsed.data;
}

/**
 * Refuses route parameters (`/api/books/%00`) holding control characters before a handler passes them to
 * the database, which cannot compare text with NUL (22021, a 500 otherwise).
 */
export async function assertCleanRouteParams(context: unknown): Promise<void> {
  const params = (context as { params?: unknown } | undefined)?.params;
  if (params !== undefined) assertNoControlCharacters(await params);
}

/** Per-route exceptions to the wrapper's request checks. */
export interface RouteOptions {
  /** The route reads its body raw and verifies it itself (signed webhooks): any Content-Type is accepted. */
  anyContentType?: boolean;
  /** What the route answers when it is not JSON (JSON routes use jsonRoute, 204s noContentRoute). */
  contract?: RouteContract;
}

/**
 * Wraps a route handler: a write carrying a session cookie must come from APP_URL (403 FORBIDDEN_ORIGIN),
 * a write's body must be JSON (415 UNSUPPORTED_MEDIA_TYPE) and route parameters must hold no control
 * characters (400), all before the handler runs; expected errors become the JSON envelope with their
 * status; anything else is logged with a request id and answered 500 without internals.
 */
export function handleRoute<Args extends unknown[]>(
  handler: (request: Request, ...args: Args) => Promise<Response>,
  options: RouteOptions = {},
) {
  const route = async (request: Request, ...args: Args): Promise<Response> => {
    try {
      assertSameOrigin(request);
      if (!options.anyContentType) assertJsonBody(request);
      await assertCleanRouteParams(args[0]);
      return await handler(request, ...args);
    } catch (error) {
      if (error instanceof AppError) return errorResponse(localizeValidationError(error, requestLocale(request)));
      if (error instanceof ZodError) {
        return errorResponse(localizeValidationError(validationError(error), requestLocale(request)));
      }
      return internalErrorResponse(request, error);
    }
  };
  return options.contract ? Object.assign(route, { contract: options.contract }) : route;
}

/** 204 No Content. */
export const noContent = () => new Response(null, { status: 204 });
