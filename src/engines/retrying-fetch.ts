import type { Dispatcher } from "undici";
import { findPrivateAddressError } from "@/lib/private-address";
import { EngineError } from "./writing-engine";

/**
 * `fetch` with a per-attempt timeout, the caller's AbortSignal, and retries with exponential backoff +
 * jitter on 429, 5xx and network failures. Shared by the HTTP engines so they classify provider failures
 * the same way (EngineError codes and `retryable`).
 *
 * The server's own hints follow openai-node's retry rules (openai/openai-node, src/client.ts: `shouldRetry`
 * and `retryRequest`): `x-should-retry: true|false` overrides the status, `retry-after-ms` wins over
 * `retry-after`. One addition: a 429 whose error code is `insufficient_quota` is never retried, since an
 * account out of credit does not recover by waiting.
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

/** `fetch` options plus the undici dispatcher that guards an organization's URL (see src/lib/guarded-agents.ts). */
export interface EngineRequestInit extends RequestInit {
  dispatcher?: Dispatcher;
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

/**
 * How long the server asked us to wait, in milliseconds: `retry-after-ms` (OpenAI's, fractional ms) first,
 * else `retry-after` (seconds or HTTP date).
 */
export function retryAfterFromHeaders(headers: Headers, now = Date.now()): number | undefined {
  const milliseconds = headers.get("retry-after-ms")?.trim();
  if (milliseconds && /^\d+(\.\d+)?$/.test(milliseconds)) return Math.round(Number(milliseconds));
  return parseRetryAfter(headers.get("retry-after"), now);
}

/** `x-should-retry`, the server's explicit verdict (true/false), or undefined when absent or unreadable. */
export function shouldRetryHeader(headers: Headers): boolean | undefined {
  const value = headers.get("x-should-retry")?.trim().toLowerCase();
  if (value === "true") return true;
  if (value === "false") return false;
  return undefined;
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

/** Longest provider reason kept in an error (and so in a job's stored error). */
const MAX_REASON_LENGTH = 200;

/** One line of plain text: control characters (newlines, ANSI escapes…) become spaces, then truncated. */
export function sanitizeReason(text: string, max = MAX_REASON_LENGTH): string {
  const line = text
    .replace(/[\p{Cc}\p{Cf}\u2028\u2029]+/gu, " ")
    .replace(/\s+/g, " ")
    .trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

/**
 * Pulls the human message out of the JSON error bodies of OpenAI, Ollama, vLLM, OpenRouter and CrewAI,
 * sanitized and short. Anything else (HTML, plain text, other JSON) gives "": an error body is never copied
 * as is, since the job's error is shown to the organization and the server may be someone's internal service.
 */
export function providerMessage(body: string): string {
  const trimmed = body.trim();
  if (!trimmed) return "";
  let json: Record<string, unknown>;
  try {
    const parsed: unknown = JSON.parse(trimmed);
    if (!parsed || typeof parsed !== "object") return "";
    json = parsed as Record<string, unknown>;
  } catch {
    return "";
  }
  const error = json.error;
  if (error && typeof error === "object" && typeof (error as { message?: unknown }).message === "string") {
    return sanitizeReason((error as { message: string }).message);
  }
  if (typeof json.message === "string") {
    const message = typeof error === "string" ? `${error}: ${json.message}` : json.message;
    // CrewAI's 422 lists the inputs the crew expects but did not get.
    const missing = (json.details as { missing_inputs?: unknown } | undefined)?.missing_inputs;
    const names = Array.isArray(missing) ? missing.filter((m): m is string => typeof m === "string") : [];
    return sanitizeReason(names.length ? `${message} (${names.join(", ")})` : message);
  }
  if (typeof error === "string") return sanitizeReason(error);
  if (typeof json.detail === "string") return sanitizeReason(json.detail);
  return "";
}

/** The machine-readable `error.code` (or `error.type`) of an OpenAI-style error body, if any. */
export function providerErrorCode(body: string): string | undefined {
  try {
    const parsed: unknown = JSON.parse(body);
    if (!parsed || typeof parsed !== "object" || !("error" in parsed)) return undefined;
    const error = parsed.error;
    if (!error || typeof error !== "object") return undefined;
    const code = "code" in error && typeof error.code === "string" ? error.code : undefined;
    const type = "type" in error && typeof error.type === "string" ? error.type : undefined;
    return code ?? type;
  } catch {
    return undefined;
  }
}

function statusError(
  provider: string,
  status: number,
  statusText: string,
  body: string,
  retryAfterMs?: number,
): EngineError {
  const message = providerMessage(body);
  const reasonPhrase = sanitizeReason(statusText, 60);
  const detail = `${provider} returned HTTP ${status}${reasonPhrase ? ` ${reasonPhrase}` : ""}${message ? `: ${message}` : ""}`;
  if (providerErrorCode(body) === "insufficient_quota") {
    // OpenAI answers 429 for an empty balance too; waiting does not help, the account owner must act.
    return new EngineError(
      "QUOTA_EXHAUSTED",
      `The account used with ${provider} is out of credit (insufficient_quota): add credit or billing details at the provider, or use another API key, then retry. ${detail}`,
      { status },
    );
  }
  if (status === 401 || status === 403) return new EngineError("AUTH", detail, { status });
  if (status === 429) {
    const suffix = retryAfterMs === undefined ? "" : ` (retry after ${Math.ceil(retryAfterMs / 1000)}s)`;
    return new EngineError("RATE_LIMITED", detail + suffix, { status, retryable: true });
  }
  if (status === 408) return new EngineError("TIMEOUT", detail, { status, retryable: true });
  if (status >= 500) return new EngineError("PROVIDER_ERROR", detail, { status, retryable: true });
  return new EngineError("BAD_REQUEST", detail, { status });
}

function withRetryable(error: EngineError, retryable: boolean): EngineError {
  if (error.retryable === retryable) return error;
  return new EngineError(error.code, error.message, { retryable, status: error.status, cause: error.cause });
}

function networkError(
  provider: string,
  error: unknown,
  caller: AbortSignal | undefined,
  timeout: AbortSignal,
  timeoutMs: number,
) {
  if (error instanceof EngineError) return error;
  const refused = findPrivateAddressError(error);
  if (refused) {
    // The SSRF guard, not the network: retrying cannot help, the organization must change the URL.
    return new EngineError(
      "PRIVATE_ADDRESS",
      `${provider} was not contacted: ${refused.message}, which organization engines may not use`,
      { cause: error },
    );
  }
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

/**
 * Runs `fetch` with timeout, cancellation and retries; resolves only with a 2xx response. Redirects are
 * never followed (a 3xx is an error): a redirect could send the request, and its key, to another host.
 */
export async function retryingFetch(
  provider: string,
  url: string,
  init: EngineRequestInit,
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
      response = await fetch(url, { ...init, redirect: "manual", signal: attemptSignal } as RequestInit);
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
    if (response.status >= 300 && response.status < 400) {
      await response.body?.cancel().catch(() => undefined);
      throw new EngineError(
        "REDIRECTED",
        `${provider} answered with a redirect (HTTP ${response.status}), which is not followed: use the final URL as the base URL`,
        { status: response.status },
      );
    }

    let body = "";
    try {
      body = await response.text();
    } catch {
      // The body of an error response is only used for the message.
    }
    const retryAfterMs = retryAfterFromHeaders(response.headers);
    const error = statusError(provider, response.status, response.statusText, body, retryAfterMs);
    const serverVerdict = shouldRetryHeader(response.headers);
    if (error.code === "QUOTA_EXHAUSTED") throw error;
    // `x-should-retry: false` means the server knows a retry will fail: the pipeline should not retry either.
    if (serverVerdict === false) throw withRetryable(error, false);
    if (!canRetry || !(serverVerdict ?? retryStatus(response.status))) throw error;
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
