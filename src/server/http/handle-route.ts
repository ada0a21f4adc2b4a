import { randomUUID } from "node:crypto";
import { ZodError, type ZodType } from "zod";
import { AppError } from "../errors";

/** The JSON error envelope every route returns. */
export function errorResponse(error: AppError, headers?: HeadersInit): Response {
  return Response.json(
    { error: { code: error.code, message: error.message, field: error.field ?? null, ...(error.details ?? {}) } },
    { status: error.status, headers },
  );
}

/** Turns a Zod failure into a 400 naming the first field at fault. */
export function validationError(error: ZodError): AppError {
  const issue = error.issues[0];
  const field = issue && issue.path.length > 0 ? issue.path.join(".") : undefined;
  return new AppError("VALIDATION_FAILED", issue ? `${field ? `${field}: ` : ""}${issue.message}` : "Invalid input", {
    field,
    details: { issues: error.issues.map((i) => ({ field: i.path.join("."), message: i.message })) },
  });
}

/** Reads and validates a JSON body; malformed JSON or a wrong shape becomes a 400 with the field at fault. */
export async function parseBody<T>(request: Request, schema: ZodType<T>): Promise<T> {
  let raw: unknown;
  const text = await request.text();
  if (text.trim() === "") raw = {};
  else {
    try {
      raw = JSON.parse(text);
    } catch {
      throw new AppError("INVALID_JSON", "The request body is not valid JSON");
    }
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw validationError(parsed.error);
  return parsed.data;
}

/** Validates query parameters with a schema (400 with the field at fault). */
export function parseQuery<T>(request: Request, schema: ZodType<T>): T {
  const params = Object.fromEntries(new URL(request.url).searchParams.entries());
  const parsed = schema.safeParse(params);
  if (!parsed.success) throw validationError(parsed.error);
  return parsed.data;
}

/**
 * Wraps a route handler: expected errors become the JSON envelope with their status; anything else
 * is logged with a request id and answered 500 without internals.
 */
export function handleRoute<Args extends unknown[]>(handler: (request: Request, ...args: Args) => Promise<Response>) {
  return async (request: Request, ...args: Args): Promise<Response> => {
    try {
      return await handler(request, ...args);
    } catch (error) {
      if (error instanceof AppError) return errorResponse(error);
      if (error instanceof ZodError) return errorResponse(validationError(error));
      const requestId = randomUUID();
      console.error(`[${requestId}] ${request.method} ${new URL(request.url).pathname} failed:`, error);
      return Response.json(
        { error: { code: "INTERNAL", message: "Something went wrong on our side", field: null, requestId } },
        { status: 500 },
      );
    }
  };
}

/** 204 No Content. */
export const noContent = () => new Response(null, { status: 204 });
