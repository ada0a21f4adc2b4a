import type { BrowserContext } from "playwright-core";
import { DEMO_ADMIN_EMAIL, demoPassword } from "@/server/db/seed";
import { apiSignIn } from "./api-session";
import { baseUrl } from "./browser";

type OutboxEmail = { id: string; to: string; subject: string; text: string; html: string | null; createdAt: string };

/** Signs the seeded platform administrator in through the API and returns the session's Cookie header. */
export function signInAsPlatformAdmin(): Promise<string> {
  return apiSignIn(DEMO_ADMIN_EMAIL, demoPassword());
}

// Only a signed-in SUPER_ADMIN reads the outbox on a production build: one admin session per journey file.
let adminCookie: Promise<string> | undefined;

/** Emails the app wrote to the local outbox for one recipient, newest first, read as the platform admin. */
export async function outboxFor(to: string): Promise<OutboxEmail[]> {
  adminCookie ??= signInAsPlatformAdmin();
  const response = await fetch(`${baseUrl()}/api/dev/outbox?to=${encodeURIComponent(to)}`, {
    headers: { cookie: await adminCookie },
  });
  if (!response.ok) throw new Error(`GET /api/dev/outbox answered ${response.status}`);
  const body = (await response.json()) as { emails: OutboxEmail[] };
  return body.emails;
}

/** Signs a browser context in as the platform admin (to open /dev/outbox in it). */
export async function signInContextAsPlatformAdmin(context: BrowserContext): Promise<void> {
  const cookie = await signInAsPlatformAdmin();
  await context.addCookies(
    cookie.split("; ").map((pair) => {
      const at = pair.indexOf("=");
      return { name: pair.slice(0, at), value: pair.slice(at + 1), url: baseUrl() };
    }),
  );
}

/** Waits for an email to `to` whose link matches `pattern`, and returns that link. */
export async function waitForEmailLink(to: string, pattern: RegExp, timeoutMs = 15_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    for (const email of await outboxFor(to)) {
      const link = email.text.match(/https?:\/\/\S+/g)?.find((url) => pattern.test(url));
      if (link) return link;
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  throw new Error(`no email to ${to} with a link matching ${pattern} within ${timeoutMs} ms`);
}
