import { auth } from "@/server/auth/auth";
import { db } from "@/server/db/client";
import { env } from "@/server/env";

/** A signed-in test user: their id, email and the Cookie header that carries their session. */
export interface TestUser {
  id: string;
  email: string;
  name: string;
  cookie: string;
}

let counter = 0;
/** A unique email for this test run (tests share one database per run). */
export const uniqueEmail = (label: string) =>
  `${label}-${process.pid}-${Date.now().toString(36)}-${++counter}@example.test`.toLowerCase();

const authUrl = (path: string) => `${env().APP_URL}/api/auth${path}`;

/** Calls a better-auth endpoint the way a browser would (same origin, JSON body). */
export async function callAuth(path: string, body: unknown, headers: Record<string, string> = {}) {
  return auth().handler(
    new Request(authUrl(path), {
      method: "POST",
      headers: { "content-type": "application/json", origin: env().APP_URL, ...headers },
      body: JSON.stringify(body),
    }),
  );
}

/** Turns Set-Cookie headers into a Cookie request header. */
export function cookieFrom(response: Response): string {
  return response.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .filter((c) => c && !c.endsWith("="))
    .join("; ");
}

/** Signs up through better-auth, marks the email verified, signs in, and returns the session cookie. */
export async function signUpAndSignIn(label: string, options: { role?: "SUPER_ADMIN" } = {}): Promise<TestUser> {
  const email = uniqueEmail(label);
  const name = `Test ${label}`;
  const password = "correct horse battery";
  const signUp = await callAuth("/sign-up/email", { name, email, password });
  if (!signUp.ok) throw new Error(`sign-up failed: ${signUp.status} ${await signUp.text()}`);
  const user = await db().user.update({
    where: { email },
    data: { emailVerified: true, ...(options.role ? { role: options.role } : {}) },
  });
  const signIn = await callAuth("/sign-in/email", { email, password }, { "x-forwarded-for": "203.0.113.7" });
  if (!signIn.ok) throw new Error(`sign-in failed: ${signIn.status} ${await signIn.text()}`);
  return { id: user.id, email, name, cookie: cookieFrom(signIn) };
}

/** Any route handler: `Promise<never>` params accept every handler's own params type. */
export type RouteHandler = (request: Request, context: { params: Promise<never> }) => Promise<Response>;

/** Calls a route handler module's method with an optional session, JSON body and route params. */
export async function callRoute(
  handler: RouteHandler,
  options: {
    user?: TestUser | null;
    method?: string;
    path?: string;
    body?: unknown;
    rawBody?: string;
    params?: Record<string, string>;
    /** Extra request headers (a `cookie` here is added to the user's session cookie). */
    headers?: Record<string, string>;
  } = {},
) {
  // Same-origin like the app's own fetches (writes with a session cookie need it: see request-origin.ts).
  const headers: Record<string, string> = {
    "user-agent": "vitest",
    "x-forwarded-for": "198.51.100.9",
    origin: new URL(env().APP_URL).origin,
  };
  const { cookie: extraCookie, ...extra } = options.headers ?? {};
  Object.assign(headers, extra);
  const cookies = [options.user?.cookie, extraCookie].filter(Boolean);
  if (cookies.length > 0) headers.cookie = cookies.join("; ");
  let body: string | undefined;
  if (options.rawBody !== undefined) body = options.rawBody;
  else if (options.body !== undefined) body = JSON.stringify(options.body);
  if (body !== undefined) headers["content-type"] = "application/json";
  const request = new Request(`${env().APP_URL}${options.path ?? "/api/test"}`, {
    method: options.method ?? (body === undefined ? "GET" : "POST"),
    headers,
    body,
  });
  const response = await handler(request, { params: Promise.resolve(options.params ?? {}) as Promise<never> });
  const text = await response.text();
  const json = text ? (JSON.parse(text) as Record<string, unknown>) : null;
  return { status: response.status, json, headers: response.headers };
}
