import { EngineError } from "./writing-engine";

/**
 * `fetch` with a per-attempt timeout, the caller's AbortSignal, and retries with exponential backoff +
 * jitter on 429, 5xx and network failures, honouring `Retry-After`. Shared by the HTTP engines so they
 * classify provider failures the same way (EngineError codes and `retryable`).
 */

export interface RetryPolicy {
  /** Retries after the first attempt (0 = one attempt only). */
  maxRetries: number;
  /** Timeout of one attempt, including reading the body (and therefore a whole streamed chapter). */
  timeoutMs: number;
  /** First backoff delay; doubles each retry, with jitter. */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** A Retry-After longer than this is not waited for in-process: the error is returned as retryable. */
  maxRetryAfterMs?: number;
  /** Which HTTP statuses may be retried; defaults to 408, 429 and every 5xx. */
  retryStatus?: (status: number) => boolean;
  /** Whether a failure before any response (connection refused, reset, timeout) may be retried. */
  retryNetworkErrors?: boolean;
  /** Observability hook: called before each wait. */
  onRetry?: (info: { attempt: number; delayMs: number; reason: string }) => void;
}

export interface RetryingFetchResult {
  response: Response;
  /** Aborts when the attempt's timeout fires or the caller aborts; streaming readers use it for errors. */
  attemptSignal: AbortSignal;
  /** Turns an error thrown while reading the body into the right EngineError (timeout vs cancel vs network). */
  classify: (error: unknown) => EngineError;
}

const defaultRetryStatus = (status: number) => status === 408 || status === 429 || status >= 500;

/** Parses a Retry-After header (delta seconds or HTTP date) into milliseconds from now. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}

/** Waits `ms`, rejecting with the ABORTED engine error as soon as the signal aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(new EngineError("ABORTED", "Generation was cancelled", { cause: signal.reason }));
      return;
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(new EngineError("ABORTED", "Generation was cancelled", { cause: signal?.reason }));
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

/** Exponential backoff with "equal jitter": half the delay is fixed, half random, to spread retries. */
export function backoffDelay(retry: number, baseDelayMs: number, maxDelayMs: number): number {
  const exp = Math.min(maxDelayMs, baseDelayMs * 2 ** retry);
  return Math.round(exp / 2 + Math.random() * (exp / 2));
}

/** Pulls the human message out of the error bodies of OpenAI, Ollama, vLLM, OpenRouter and CrewAI. */
export function providerMessage(body: string): string {
  const trimmed = body.trim();
  if (!trimmed) return "";
  try {
    const json = JSON.parse(trimmed) as Record<string, unknown>;
    const error = json.error;
    if (error && typeof error === "object" && typeof (error as { message?: unknown }).message === "string") {
      return (error as { message: string }).message;
    }
    if (typeof json.message === "string") {
      const message = typeof error === "string" ? `${error}: ${json.message}` : json.message;
      // CrewAI's 422 lists the inputs the crew expects but did not get.
      const missing = (json.details as { missing_inputs?: unknown } | undefined)?.missing_inputs;
      return Array.isArray(missing) && missing.length ? `${message} (${missing.join(", ")})` : message;
    }
    if (typeof error === "string") return error;
    if (typeof json.detail === "string") return json.detail;
  } catch {
    // Not JSON: fall through to the raw text.
  }
  return trimmed.slice(0, 300);
}

function statusError(provider: string, status: number, statusText: string, message: string, retryAfterMs?: number) {
  const detail = `${provider} returned HTTP ${status}${statusText ? ` ${statusText}` : ""}${message ? `: ${message}` : ""}`;
  if (status === 401 || status === 403) return new EngineError("AUTH", detail, { status });
  if (status === 429) {
    const suffix = retryAfterMs === undefined ? "" : ` (retry after ${Math.ceil(retryAfterMs / 1000)}s)`;
    return new EngineError("RATE_LIMITED", detail + suffix, { status, retryable: true });
  }
  if (status === 408) return new EngineError("TIMEOUT", detail, { status, retryable: true });
  if (status >= 500) return new EngineError("PROVIDER_ERROR", detail, { status, retryable: true });
  return new EngineError("BAD_REQUEST", detail, { status });
}

function networkError(
  provider: string,
  error: unknown,
  caller: AbortSignal | undefined,
  timeout: AbortSignal,
  timeoutMs: number,
) {
  if (error instanceof EngineError) return error;
  if (caller?.aborted) return new EngineError("ABORTED", "Generation was cancelled", { cause: caller.reason });
  if (timeout.aborted) {
    return new EngineError("TIMEOUT", `${provider} did not answer within ${timeoutMs} ms`, {
      retryable: true,
      cause: error,
    });
  }
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : undefined;
  const message = error instanceof Error ? error.message : String(error);
  return new EngineError("NETWORK", `Could not reach ${provider}: ${cause ?? message}`, {
    retryable: true,
    cause: error,
  });
}

/** Runs `fetch` with timeout, cancellation and retries; resolves only with a 2xx response. */
export async function retryingFetch(
  provider: string,
  url: string,
  init: RequestInit,
  policy: RetryPolicy,
  signal?: AbortSignal,
): Promise<RetryingFetchResult> {
  const baseDelayMs = policy.baseDelayMs ?? 500;
  const maxDelayMs = policy.maxDelayMs ?? 30_000;
  const maxRetryAfterMs = policy.maxRetryAfterMs ?? 120_000;
  const retryStatus = policy.retryStatus ?? defaultRetryStatus;
  const retryNetwork = policy.retryNetworkErrors ?? true;

  for (let attempt = 0; ; attempt++) {
    if (signal?.aborted) throw new EngineError("ABORTED", "Generation was cancelled", { cause: signal.reason });
    const timeoutSignal = AbortSignal.timeout(policy.timeoutMs);
    const attemptSignal = signal ? AbortSignal.any([signal, timeoutSignal]) : timeoutSignal;
    const classify = (error: unknown) => networkError(provider, error, signal, timeoutSignal, policy.timeoutMs);
    const canRetry = attempt < policy.maxRetries;

    let response: Response;
    try {
      response = await fetch(url, { ...init, signal: attemptSignal });
    } catch (error) {
      const engineError = classify(error);
      if (engineError.retryable && retryNetwork && canRetry) {
        const delayMs = backoffDelay(attempt, baseDelayMs, maxDelayMs);
        policy.onRetry?.({ attempt: attempt + 1, delayMs, reason: engineError.message });
        await sleep(delayMs, signal);
        continue;
      }
      throw engineError;
    }

    if (response.ok) return { response, attemptSignal, classify };

    let body = "";
    try {
      body = await response.text();
    } catch {
      // The body of an error response is only used for the message.
    }
    const retryAfterMs = parseRetryAfter(response.headers.get("retry-after"));
    const error = statusError(provider, response.status, response.statusText, providerMessage(body), retryAfterMs);
    if (!canRetry || !retryStatus(response.status)) throw error;
    if (retryAfterMs !== undefined && retryAfterMs > maxRetryAfterMs) throw error;
    // Retry-After is a floor: wait at least that long, plus a little jitter so clients do not stampede.
    const delayMs =
      retryAfterMs !== undefined
        ? retryAfterMs + Math.round(Math.random() * Math.min(250, retryAfterMs * 0.1))
        : backoffDelay(attempt, baseDelayMs, maxDelayMs);
    policy.onRetry?.({ attempt: attempt + 1, delayMs, reason: error.message });
    await sleep(delayMs, signal);
  }
}
