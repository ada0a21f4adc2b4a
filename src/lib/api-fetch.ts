/** An API failure in one shape, whatever the route returned (app envelope, better-auth body, or nothing). */
export type ApiError = { status: number; code: string; message: string; field?: string; upgradeTo?: string };

export type ApiResult<T> = { ok: true; status: number; data: T } | { ok: false; status: number; error: ApiError };

type ErrorBody = { error?: unknown; code?: unknown; message?: unknown; field?: unknown; upgradeTo?: unknown };

function str(value: unknown): string | undefined {
  return typeof value === "string" && value.length > 0 ? value : undefined;
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
  // PLAN_LIMIT_REACHED names the plan that lifts the limit, so the UI can offer exactly that upgrade.
  const upgradeTo = str(inner.upgradeTo);
  if (upgradeTo) error.upgradeTo = upgradeTo;
  return error;
}

/** Calls a JSON route of this app from the browser; never throws for HTTP or network failures. */
export async function apiFetch<T = unknown>(
  path: string,
  init: { method?: string; body?: unknown; signal?: AbortSignal } = {},
): Promise<ApiResult<T>> {
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
  return { ok: true, status: response.status, data: body as T };
}
