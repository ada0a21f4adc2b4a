import { baseUrl } from "./browser";

type OutboxEmail = { id: string; to: string; subject: string; text: string; html: string | null; createdAt: string };

/** Emails the app wrote to the local outbox for one recipient, newest first (GET /api/dev/outbox). */
export async function outboxFor(to: string): Promise<OutboxEmail[]> {
  const response = await fetch(`${baseUrl()}/api/dev/outbox?to=${encodeURIComponent(to)}`);
  if (!response.ok) throw new Error(`GET /api/dev/outbox answered ${response.status}`);
  const body = (await response.json()) as { emails: OutboxEmail[] };
  return body.emails;
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
