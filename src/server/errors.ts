import { isMessageKey, messageFor } from "@/i18n/validation/message-for";
import type { MessageParams } from "@/i18n/validation/render-message";

/** Machine-readable error codes returned in `{ error: { code } }`. */
export type ErrorCode =
  | "VALIDATION_FAILED"
  | "INVALID_JSON"
  | "UNAUTHENTICATED"
  | "INVALID_API_KEY"
  | "API_KEY_REVOKED"
  | "API_KEY_EXPIRED"
  | "INSUFFICIENT_SCOPE"
  | "IDEMPOTENCY_KEY_REUSED"
  | "IDEMPOTENCY_KEY_IN_USE"
  | "FORBIDDEN"
  | "NOT_FOUND"
  | "CONFLICT"
  | "NO_ACTIVE_ORGANIZATION"
  | "LAST_OWNER"
  | "INVITATION_NOT_PENDING"
  | "INVITATION_EXPIRED"
  | "INVITATION_EMAIL_MISMATCH"
  | "ALREADY_MEMBER"
  | "SLUG_TAKEN"
  | "RATE_LIMITED"
  | "PLAN_LIMIT_REACHED"
  | "BILLING_NOT_CONFIGURED"
  | "BILLING_OFF"
  | "PAYMENT_PROVIDER_ERROR"
  | "INVALID_SIGNATURE"
  | "JOB_FINISHED"
  | "JOB_NOT_AWAITING_REVIEW"
  | "JOB_NOT_RETRYABLE"
  | "ENGINE_NOT_CONFIGURED"
  | "BOOK_BUSY"
  | "EDIT_CONFLICT"
  | "PAYLOAD_TOO_LARGE"
  | "UNSUPPORTED_MEDIA_TYPE"
  | "FORBIDDEN_ORIGIN"
  | "INTERNAL"
  | "CORRECTION_STALE";

const defaultStatus: Record<ErrorCode, number> = {
  VALIDATION_FAILED: 400,
  INVALID_JSON: 400,
  UNAUTHENTICATED: 401,
  INVALID_API_KEY: 401,
  API_KEY_REVOKED: 401,
  API_KEY_EXPIRED: 401,
  INSUFFICIENT_SCOPE: 403,
  IDEMPOTENCY_KEY_REUSED: 422,
  IDEMPOTENCY_KEY_IN_USE: 409,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  NO_ACTIVE_ORGANIZATION: 409,
  LAST_OWNER: 409,
  INVITATION_NOT_PENDING: 409,
  INVITATION_EXPIRED: 410,
  INVITATION_EMAIL_MISMATCH: 403,
  ALREADY_MEMBER: 409,
  SLUG_TAKEN: 409,
  RATE_LIMITED: 429,
  PLAN_LIMIT_REACHED: 402,
  BILLING_NOT_CONFIGURED: 503,
  BILLING_OFF: 409,
  PAYMENT_PROVIDER_ERROR: 502,
  INVALID_SIGNATURE: 401,
  JOB_FINISHED: 409,
  JOB_NOT_AWAITING_REVIEW: 409,
  JOB_NOT_RETRYABLE: 409,
  ENGINE_NOT_CONFIGURED: 400,
  BOOK_BUSY: 409,
  EDIT_CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  FORBIDDEN_ORIGIN: 403,
  INTERNAL: 500,
  CORRECTION_STALE: 409,
};

/**
 * An expected failure: route handlers turn it into the JSON error envelope with its status. Besides the
 * English `message` (what the public API answers), it carries a message key and parameters the UI translates:
 * an explicit `messageKey`; else the message itself when it is a catalog key ("validation.title.required",
 * written in English in `message` then); else `errors.<CODE>` (or, for
 * a validation failure, the message as written).
 */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly field?: string;
  readonly details?: Record<string, unknown>;
  readonly messageKey: string;
  readonly params: MessageParams;

  constructor(
    code: ErrorCode,
    message: string,
    options: {
      status?: number;
      field?: string;
      details?: Record<string, unknown>;
      messageKey?: string;
      params?: MessageParams;
    } = {},
  ) {
    const described = options.messageKey
      ? { key: options.messageKey, params: options.params ?? {}, prefix: "", english: message }
      : describeErrorMessage(code, message, options.field);
    super(options.messageKey ? message : `${described.prefix}${described.english}`);
    this.name = "AppError";
    this.code = code;
    this.status = options.status ?? defaultStatus[code];
    this.field = options.field;
    this.details = options.details;
    this.messageKey = described.key;
    this.params = described.params;
  }
}

/**
 * The key of an error's message (`code` may be one of better-auth's too). A validation message may start with
 * its field ("title: Enter a title"); the key describes the sentence after it.
 */
export function describeErrorMessage(
  code: string,
  message: string,
  field: string | undefined,
): { key: string; params: MessageParams; prefix: string; english: string } {
  const prefix = field && message.startsWith(`${field}: `) ? `${field}: ` : "";
  const body = message.slice(prefix.length);
  if (isMessageKey(body)) return { key: body, params: {}, prefix, english: messageFor(body, {}, "en") };
  if (code === "VALIDATION_FAILED")
    return { key: "validation.untranslated", params: { message: body }, prefix, english: body };
  return { key: `errors.${code}`, params: {}, prefix, english: body };
}

export const notFound = (what: string) => new AppError("NOT_FOUND", `${what} not found`);
