import "server-only";
import type { z } from "zod";
import type { OrgAction } from "@/server/auth/permissions";

export type HttpMethod = "GET" | "POST" | "PATCH" | "DELETE";
type AnyObject = z.ZodType<Record<string, unknown>>;

/**
 * One v1 endpoint, described once: the route validates its input with these schemas and the OpenAPI
 * document is generated from the very same objects, so the two cannot drift apart.
 */
export interface ApiOperation<
  P extends AnyObject = AnyObject,
  Q extends AnyObject = AnyObject,
  B extends z.ZodType = z.ZodType,
  R extends z.ZodType | undefined = z.ZodType | undefined,
> {
  operationId: string;
  method: HttpMethod;
  /** OpenAPI path below /api/v1, e.g. `/books/{bookId}`. */
  path: string;
  tag: string;
  summary: string;
  description?: string;
  /** The permission the caller needs (role, and for API keys a scope granting it). */
  action: OrgAction;
  params?: P;
  query?: Q;
  body?: B;
  /** Body cap in bytes when the body may outgrow the default (DEFAULT_BODY_LIMIT_BYTES), e.g. a chapter's text. */
  bodyLimitBytes?: number;
  success: {
    status: number;
    description: string;
    /** JSON response schema (from src/contracts); omitted for 204 or non-JSON bodies. */
    schema?: R;
    /** Non-JSON responses (SSE streams, file downloads, redirects). */
    contentType?: string;
  };
  /** Extra documented error statuses (401/403/404/429 are added to every operation). */
  errors?: number[];
}

/** Declares an operation with its schema types preserved (for the route handler's typed input). */
export function defineOperation<
  P extends AnyObject,
  Q extends AnyObject,
  B extends z.ZodType,
  R extends z.ZodType | undefined = undefined,
>(operation: ApiOperation<P, Q, B, R>): ApiOperation<P, Q, B, R> {
  return operation;
}
