import "server-only";
/** Fixed windows of one minute, aligned on the clock (so every process agrees on the window). */
export const RATE_LIMIT_WINDOW_MS = 60_000;

/** One request counted against a subject's window. */
export interface RateLimitResult {
  allowed: boolean;
  limit: number;
  /** Requests counted in this window, this one included. */
  count: number;
  remaining: number;
  /** When the window ends and the count starts again. */
  resetAt: Date;
}

/** Counts a request; `meter` also adds one API_CALLS to that organization when the request is allowed. */
export interface RateLimiter {
  readonly kind: "postgres" | "redis";
  hit(subject: string, limit: number, options?: { meter?: string; now?: Date }): Promise<RateLimitResult>;
  close(): Promise<void>;
}

/** The window containing `now` and the bucket key of a subject in it. */
export function rateLimitWindow(subject: string, now: Date) {
  const start = Math.floor(now.getTime() / RATE_LIMIT_WINDOW_MS) * RATE_LIMIT_WINDOW_MS;
  return { key: `${subject}:${start}`, start: new Date(start), resetAt: new Date(start + RATE_LIMIT_WINDOW_MS) };
}

/** Builds the result the headers are made from. */
export function rateLimitResult(count: number, limit: number, resetAt: Date): RateLimitResult {
  return { allowed: count <= limit, limit, count, remaining: Math.max(0, limit - count), resetAt };
}
