import type { ContractData, ContractName } from "./contract-names";

export type { ContractData, ContractName } from "./contract-names";

/**
 * An API failure in one shape, whatever the route returned (app envelope, better-auth body, or nothing).
 * `messageKey`/`params` name the message in the i18n catalog, for the UI to say it in the reader's language.
 */
export type ApiError = {
  status: number;
  code: string;
  message: string;
  field?: string;
  messageKey?: string;
  params?: Record<string, string | number>;
  upgradeTo?: string;
};

export type ApiResult<T> = { ok: true; status: number; data: T } | { ok: false; status: number; error: ApiError };

type ErrorBody = {
  error?: unknown;
  code?: unknown;
  message?: unknown;
  field?: unknown;
  messageKey?: unknown;
  params?: unknown;
  upgradeTo?: unknown;
};

function str(value: unknown): string | undefined {
  return typeof value === "string" && value.length > 0 ? value : undefined;
}

/** The parameters of a keyed message: only string and number values are kept. */
function messageParams(value: unknown): Record<string, string | number> {
  const params: Record<string, string | number> = {};
  if (!value || typeof value !== "object") return params;
  for (const [name, item] of Object.entries(value)) {
    if (typeof item === "string" || typeof item === "number") params[name] = item;
  }
  return params;
}

/** Reads `{error:{code,message,field}}` (our routes) or `{code,message}` (better-auth's own routes). */
export function toApiError(status: number, body: unknown): ApiError {
  const outer = (body && typeof body === "object" ? body : {}) as ErrorBody;
  const inner = (outer.error && typeof outer.error === "object" ? outer.error : outer) as ErrorBody;
  const code =
    str(inner.code) ?? (status === 429 ? "RATE_LIMITED" : status === 401 ? "UNAUTHENTICATED" : `HTTP_${status}`);
  const error: ApiError = {
    status,
    code,
    message: str(inner.message) ?? str(outer.message) ?? (typeof outer.error === "string" ? outer.error : ""),
    field: str(inner.field),
  };
  const messageKey = str(inner.messageKey);
  if (messageKey) {
    error.messageKey = messageKey;
    error.params = messageParams(inner.params);
  }
  // PLAN_LIMIT_REACHED names the plan that lifts the limit, so the UI can offer exactly that upgrade.
  const upgradeTo = str(inner.upgradeTo);
  if (upgradeTo) error.upgradeTo = upgradeTo;
  return error;
}

export type ApiFetchInit = { method?: string; body?: unknown; signal?: AbortSignal };

/**
 * Calls a JSON route of this app from the browser; never throws for HTTP or network failures.
 * `schema` names the route's response contract (src/contracts), by its export name: the data is typed from
 * it, and outside production an answer that does not match it becomes a CONTRACT_MISMATCH error (and a
 * console error). Naming it rather than importing it keeps Zod out of production pages. Pass
 * `schema: null` for a route that answers 204.
 */
export async function apiFetch<N extends ContractName | null>(
  path: string,
  init: ApiFetchInit & { schema: N },
): Promise<ApiResult<N extends ContractName ? ContractData<N> : null>>;
export async function apiFetch(
  path: string,
  init: ApiFetchInit & { schema: ContractName | null },
): Promise<ApiResult<unknown>> {
  let response: Response;
  try {
    response = await fetch(path, {
      method: init.method ?? (init.body === undefined ? "GET" : "POST"),
      headers: init.body === undefined ? { accept: "application/json" } : { "content-type": "application/json" },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
      credentials: "same-origin",
      cache: "no-store",
      signal: init.signal,
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === "AbortError") throw cause;
    return { ok: false, status: 0, error: { status: 0, code: "NETWORK_ERROR", message: "" } };
  }
  const text = await response.text();
  let body: unknown = null;
  if (text) {
    try {
      body = JSON.parse(text);
    } catch {
      body = null;
    }
  }
  if (!response.ok) return { ok: false, status: response.status, error: toApiError(response.status, body) };
  // Production trusts the server: the check (and Zod with it) is loaded in development and tests only.
  if (init.schema !== null && process.env.NODE_ENV !== "production") {
    const { contractMismatch } = await import("./check-answer");
    const message = contractMismatch(init.schema, body);
    if (message !== null) {
      console.error(`${path} answered outside its contract: ${message}`);
      return {
        ok: false,
        status: response.status,
        error: { status: response.status, code: "CONTRACT_MISMATCH", message },
      };
    }
  }
  return { ok: true, status: response.status, data: init.schema === null ? null : body };
}
