// Issue 13, the High items against the running `npm start` build (production, embedded database):
// (a) the outbox gives nobody the administrator's password-reset link, so the takeover fails end to end;
// (b) the web server listens on loopback only; (c) oversized unauthenticated sign-ups are refused early
// with 413 and the server keeps answering; (d) a large legitimate chapter edit completes while the
// database stays responsive. Also: the pages' security headers, and the API reference under its CSP.
import { existsSync, readFileSync } from "node:fs";
import http from "node:http";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_ADMIN_EMAIL, DEMO_OWNER_EMAIL, demoPassword } from "@/server/db/seed";
import { apiSignIn } from "./api-session";
import { baseUrl, launchBrowser, newUserContext, uniqueEmail } from "./browser";
import { outboxFor } from "./outbox";
import { m, onPath, visible } from "./ui";

type Answer = { status: number; json: Record<string, unknown> | null; text: string; headers: Headers; ms: number };

/** One request to the app under test, timed, its body read as text (and JSON when it is). */
async function call(path: string, init: RequestInit & { cookie?: string } = {}): Promise<Answer> {
  const headers = new Headers(init.headers);
  if (init.cookie) headers.set("cookie", init.cookie);
  if (init.body !== undefined) {
    headers.set("content-type", "application/json");
    headers.set("origin", baseUrl());
  }
  const started = Date.now();
  const response = await fetch(`${baseUrl()}${path}`, { ...init, headers, redirect: "manual" });
  const text = await response.text();
  let json: Record<string, unknown> | null = null;
  try {
    json = JSON.parse(text) as Record<string, unknown>;
  } catch {
    // not JSON (a page, a redirect)
  }
  return { status: response.status, json, text, headers: response.headers, ms: Date.now() - started };
}

const errorCode = (answer: Answer) => (answer.json?.error as { code?: string } | undefined)?.code;

/**
 * POSTs a large body with node:http, so an early answer (the server refusing before reading it all) is seen
 * as an answer: writes failing after it (EPIPE, reset) are the server hanging up, as it may.
 */
function postLarge(
  path: string,
  body: string,
): Promise<{ status: number; json: Record<string, unknown> | null; ms: number }> {
  const url = new URL(path, baseUrl());
  const started = Date.now();
  return new Promise((resolve, reject) => {
    let answered = false;
    const request = http.request(
      url,
      {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "content-length": Buffer.byteLength(body),
          origin: baseUrl(),
        },
      },
      (response) => {
        answered = true;
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () => {
          const text = Buffer.concat(chunks).toString("utf8");
          let json: Record<string, unknown> | null = null;
          try {
            json = JSON.parse(text) as Record<string, unknown>;
          } catch {
            // not JSON
          }
          resolve({ status: response.statusCode ?? 0, json, ms: Date.now() - started });
        });
        response.on("error", reject);
      },
    );
    request.setTimeout(60_000, () => request.destroy(new Error(`no answer to POST ${path} within 60 s`)));
    request.on("error", (error) => {
      if (!answered) reject(error);
    });
    request.end(body);
  });
}

/** Addresses listening on TCP `port` in this network namespace, from /proc/net/tcp and /proc/net/tcp6. */
function listeningAddresses(port: number): string[] {
  const addresses: string[] = [];
  for (const file of ["/proc/net/tcp", "/proc/net/tcp6"]) {
    if (!existsSync(file)) continue;
    for (const line of readFileSync(file, "utf8").trim().split("\n").slice(1)) {
      const [, local = "", , state] = line.trim().split(/\s+/);
      const [hex = "", portHex = ""] = local.split(":");
      if (state !== "0A" || Number.parseInt(portHex, 16) !== port) continue; // 0A = LISTEN
      // The kernel prints each 32-bit word of the address in host (little-endian) byte order.
      const bytes = (hex.match(/.{8}/g) ?? []).flatMap((word) => (word.match(/../g) ?? []).reverse());
      const octets = bytes.map((byte) => Number.parseInt(byte, 16));
      if (octets.length === 4) addresses.push(octets.join("."));
      else {
        const groups = Array.from({ length: 8 }, (_, i) => ((octets[2 * i]! << 8) | octets[2 * i + 1]!).toString(16));
        addresses.push(groups.join(":"));
      }
    }
  }
  return addresses;
}

const isLoopbackAddress = (address: string) =>
  /^127\./.test(address) ||
  address === "0:0:0:0:0:0:0:1" ||
  /^0:0:0:0:0:ffff:7f[0-9a-f]{2}:[0-9a-f]{1,4}$/.test(address);

describe("Security of the running build", () => {
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    browser = await launchBrowser();
    page = await (await newUserContext(browser)).newPage();
  });

  afterAll(async () => {
    await browser?.close();
  });

  describe("(a) the outbox and the administrator's reset link", () => {
    it("gives an unauthenticated caller no email at all", async () => {
      const answer = await call("/api/dev/outbox");
      expect(answer.status).toBe(401);
      expect(errorCode(answer)).toBe("UNAUTHENTICATED");
      expect(answer.json).not.toHaveProperty("emails");
      expect(answer.text).not.toContain("@");
    });

    it("fails the takeover of admin@scriptorium.local end to end", async () => {
      const attackerPassword = "taken-over-by-an-attacker";
      const requested = await call("/api/auth/request-password-reset", {
        method: "POST",
        body: JSON.stringify({ email: DEMO_ADMIN_EMAIL, redirectTo: "/reset-password" }),
      });
      expect(requested.status).toBe(200);

      // The link exists (the admin can read it)…
      const emails = await outboxFor(DEMO_ADMIN_EMAIL);
      const token = emails.map((email) => email.text.match(/\/reset-password\/([^?\s]+)/)?.[1]).find(Boolean);
      expect(token).toBeTruthy();

      // …but not for the attacker: not through the API, even claiming to be local, nor through the page.
      const spoofedLocal = { "x-forwarded-for": "127.0.0.1", "x-real-ip": "127.0.0.1" };
      for (const headers of [{}, spoofedLocal] as Record<string, string>[]) {
        const read = await call(`/api/dev/outbox?to=${encodeURIComponent(DEMO_ADMIN_EMAIL)}`, { headers });
        expect(read.status).toBe(401);
        expect(read.text).not.toContain(token!);
        expect(read.text).not.toContain(DEMO_ADMIN_EMAIL);
      }
      const outboxPage = await call(`/dev/outbox?to=${encodeURIComponent(DEMO_ADMIN_EMAIL)}`);
      expect([307, 308]).toContain(outboxPage.status);
      expect(outboxPage.headers.get("location")).toMatch(/^\/sign-in\?next=/);
      expect(outboxPage.text).not.toContain(token!);
      await page.goto(`/dev/outbox?to=${encodeURIComponent(DEMO_ADMIN_EMAIL)}`);
      await onPath(page, "/sign-in");
      expect(await page.content()).not.toContain(token!);

      // Without the link, setting a new password fails, so does signing in with it, and the console stays shut.
      const reset = await call("/api/auth/reset-password", {
        method: "POST",
        body: JSON.stringify({ token: "guessed-token", newPassword: attackerPassword }),
      });
      expect(reset.status).toBe(400);
      const signIn = await call("/api/auth/sign-in/email", {
        method: "POST",
        body: JSON.stringify({ email: DEMO_ADMIN_EMAIL, password: attackerPassword }),
      });
      expect(signIn.status).toBe(401);
      expect(signIn.headers.getSetCookie().filter((cookie) => !/=;|Max-Age=0/i.test(cookie))).toEqual([]);
      expect((await call("/api/admin/users")).status).toBe(401);

      // The administrator's own password still works: nothing was changed.
      const adminCookie = await apiSignIn(DEMO_ADMIN_EMAIL, demoPassword());
      expect((await call("/api/admin/users", { cookie: adminCookie })).status).toBe(200);
    });
  });

  it("(b) listens on loopback only", () => {
    const port = Number(new URL(baseUrl()).port);
    const addresses = listeningAddresses(port);
    expect(addresses.length, `nothing listens on port ${port}`).toBeGreaterThan(0);
    expect(
      addresses.filter((address) => !isLoopbackAddress(address)),
      `listening on ${addresses}`,
    ).toEqual([]);
  });

  it("(d) saves a 200,000-character chapter edit while the database stays responsive", {
    timeout: 240_000,
  }, async () => {
    const cookie = await apiSignIn(DEMO_OWNER_EMAIL, demoPassword());
    const created = await call("/api/books", {
      method: "POST",
      cookie,
      body: JSON.stringify({
        title: `Long chapter ${Date.now().toString(36)}`,
        topic: "A chapter as long as the editor allows",
        goal: "Check that large legitimate edits are saved",
        targetChapters: 1,
        targetWords: 500,
        engine: "demo",
      }),
    });
    expect(created.status, created.text).toBe(201);
    const bookId = (created.json as { book: { id: string } }).book.id;

    const deadline = Date.now() + 180_000;
    let chapterId: string | undefined;
    while (Date.now() < deadline && !chapterId) {
      const chapters = await call(`/api/books/${bookId}/chapters`, { cookie });
      const body = chapters.json as { editing: { allowed: boolean }; chapters: { id: string }[] };
      if (chapters.status === 200 && body.editing.allowed) chapterId = body.chapters[0]?.id;
      else await new Promise((resolve) => setTimeout(resolve, 1_000));
    }
    expect(chapterId, "the demo book was not ready to edit within 3 minutes").toBeTruthy();

    const paragraph = "Every line of this chapter is here to make it long, and every word of it is saved. ";
    const content = `# The longest chapter\n\n${paragraph.repeat(3_000)}`.slice(0, 200_000);
    expect(content).toHaveLength(200_000);

    // While the edit is written, the database keeps answering the health check.
    const edit = call(`/api/books/${bookId}/chapters/${chapterId}`, {
      method: "PATCH",
      cookie,
      body: JSON.stringify({ content }),
    });
    const healthDuringEdit = await call("/api/health");
    const saved = await edit;
    expect(saved.status, saved.text).toBe(200);
    expect(healthDuringEdit.status).toBe(200);
    expect(healthDuringEdit.ms).toBeLessThan(5_000);

    const chapter = await call(`/api/books/${bookId}/chapters/${chapterId}`, { cookie });
    expect(chapter.status).toBe(200);
    expect(JSON.stringify(chapter.json)).toContain(paragraph.repeat(10));
    const after = await call("/api/health");
    expect(after.status).toBe(200);
    expect(after.ms).toBeLessThan(5_000);
  });

  describe("security headers", () => {
    it("serves pages with a per-request nonce CSP, no framing, a referrer policy and nosniff", async () => {
      const first = await page.goto("/sign-in");
      const second = await call("/sign-in");
      const headers = first!.headers();
      const csp = headers["content-security-policy"] ?? "";
      expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
      expect(csp).not.toContain("unsafe-eval");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(second.headers.get("content-security-policy")).not.toBe(csp);
      expect(headers["x-frame-options"]).toBe("DENY");
      expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
      expect(headers["x-content-type-options"]).toBe("nosniff");
      // Plain http: no HSTS.
      expect(headers["strict-transport-security"]).toBeUndefined();
      // The page's scripts ran under that policy: the form validates on the client before anything is sent.
      await page.getByRole("button", { name: m.auth.signIn.submit, exact: true }).click();
      await visible(page.getByText(m.validation.email));
    });

    it("adds HSTS when the TLS proxy says the request came over https", async () => {
      const answer = await call("/sign-in", { headers: { "x-forwarded-proto": "https" } });
      expect(answer.headers.get("strict-transport-security")).toMatch(/^max-age=\d+/);
      const api = await call("/api/health", { headers: { "x-forwarded-proto": "https" } });
      expect(api.headers.get("strict-transport-security")).toMatch(/^max-age=\d+/);
    });

    it("gives API answers a no-script CSP, and the API reference still renders under it", async () => {
      const health = await call("/api/health");
      expect(health.headers.get("content-security-policy")).toContain("default-src 'none'");
      expect(health.headers.get("x-frame-options")).toBe("DENY");
      expect(health.headers.get("x-content-type-options")).toBe("nosniff");

      const docs = await page.goto("/api/v1/docs");
      expect(docs!.status()).toBe(200);
      expect(docs!.headers()["content-security-policy"]).toContain("default-src 'none'");
      await visible(page.getByRole("heading", { level: 1 }));
      // Its inline stylesheet applied: GET badges are blue.
      const badge = page.locator(".method.get").first();
      await visible(badge);
      expect(await badge.evaluate((element) => getComputedStyle(element).backgroundColor)).toBe("rgb(37, 99, 235)");
    });
  });
  // Last: before the request-size limit is in place, this attack leaves the server busy for minutes.
  describe("(c) oversized unauthenticated sign-ups", () => {
    const emails = Array.from({ length: 4 }, (_, i) => uniqueEmail(`huge-${i}`));

    it("answers four concurrent 8 MB sign-ups quickly with 413 PAYLOAD_TOO_LARGE", async () => {
      const name = "A".repeat(8 * 1024 * 1024);
      const answers = await Promise.all(
        emails.map((email) =>
          postLarge("/api/auth/sign-up/email", JSON.stringify({ name, email, password: "correct-horse-battery" })),
        ),
      );
      for (const answer of answers) {
        expect(answer.status).toBe(413);
        expect((answer.json?.error as { code?: string } | undefined)?.code).toBe("PAYLOAD_TOO_LARGE");
        expect(answer.ms).toBeLessThan(10_000);
      }
    });

    it("keeps answering right after, and created none of those accounts", async () => {
      const health = await call("/api/health");
      expect(health.status).toBe(200);
      expect(health.json).toEqual({ ok: true });
      expect(health.ms).toBeLessThan(5_000);
      const started = Date.now();
      const adminCookie = await apiSignIn(DEMO_ADMIN_EMAIL, demoPassword());
      expect(Date.now() - started).toBeLessThan(10_000);
      const users = await call("/api/admin/users?limit=200", { cookie: adminCookie });
      expect(users.status).toBe(200);
      const listed = (users.json as { items: { email: string }[] }).items.map((user) => user.email);
      expect(listed.filter((email) => emails.includes(email))).toEqual([]);
    });
  });
});
