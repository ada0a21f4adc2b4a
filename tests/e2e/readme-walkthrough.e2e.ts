// Journey: the README's "Public API walkthrough", run as written against `npm start` on the embedded
// default (issue 19). The browser signs in as the demo user, switches to Demo Enterprise and creates a key
// in Settings → API keys; then the shell lines between the README's readme-walkthrough markers are read
// from the README itself and run (`npx scriptorium …` as `node cli/bin.mjs …`, with the environment
// variables the README exports), and the downloaded EPUB must pass epubcheck. Editing the README's
// commands changes what this runs, so the README cannot drift from what works.
import { spawn } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_DEMO_PASSWORD, DEMO_ENTERPRISE_ORG_NAME, DEMO_OWNER_EMAIL } from "@/server/db/seed";
import { epubcheck } from "../support/exporters/format-tools";
import { baseUrl, launchBrowser, newUserContext, screenshot } from "./browser";
import { m, onPath, visible } from "./ui";

const root = process.cwd();
const keys = m.settingsExtra.apiKeys;

/** The shell lines of the README's walkthrough block (between its start and end markers). */
function walkthroughLines(readme: string): string[] {
  const start = readme.indexOf("<!-- readme-walkthrough:start");
  const end = readme.indexOf("<!-- readme-walkthrough:end -->");
  if (start < 0 || end < start) throw new Error("README.md has no readme-walkthrough block");
  const block = readme.slice(start, end);
  const fence = /```bash\n([\s\S]*?)```/.exec(block);
  if (!fence) throw new Error("the readme-walkthrough block has no ```bash fence");
  return fence[1]!
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean);
}

/** Splits a shell line into words (double and single quotes, and a trailing `# comment`), as bash would here. */
function shellWords(line: string): string[] {
  const words: string[] = [];
  let current = "";
  let inWord = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (c === '"' || c === "'") {
      const close = line.indexOf(c, i + 1);
      if (close < 0) throw new Error(`unclosed quote in: ${line}`);
      current += line.slice(i + 1, close);
      inWord = true;
      i = close;
    } else if (c === "#" && !inWord) {
      break;
    } else if (c === " " || c === "\t") {
      if (inWord) words.push(current);
      current = "";
      inWord = false;
    } else {
      current += c;
      inWord = true;
    }
  }
  if (inWord) words.push(current);
  return words;
}

function run(args: string[], env: Record<string, string>, cwd: string) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, [path.join(root, "cli", "bin.mjs"), ...args], {
      cwd,
      env: { ...process.env, ...env, NO_COLOR: "1" },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += String(chunk)));
    child.stderr.on("data", (chunk) => (stderr += String(chunk)));
    child.on("exit", (code) => resolve({ code, stdout, stderr }));
  });
}

describe("The README's public API walkthrough, as written", () => {
  let browser: Browser;
  let workDir: string;

  beforeAll(async () => {
    browser = await launchBrowser();
    workDir = mkdtempSync(path.join(os.tmpdir(), "scriptorium-readme-"));
  });
  afterAll(async () => {
    await browser?.close();
    rmSync(workDir, { recursive: true, force: true });
  });

  it("demo user → Demo Enterprise → key in the UI → CLI create, wait, download → a valid EPUB", {
    timeout: 300_000,
  }, async () => {
    const lines = walkthroughLines(readFileSync(path.join(root, "README.md"), "utf8"));

    // 1. Sign in as the demo user.
    const context = await newUserContext(browser);
    const page = await context.newPage();
    await page.goto("/sign-in");
    await page.getByLabel(m.auth.fields.email).fill(DEMO_OWNER_EMAIL);
    await page
      .getByLabel(m.auth.fields.password, { exact: true })
      .fill(process.env.DEMO_PASSWORD || DEFAULT_DEMO_PASSWORD);
    await page.getByRole("button", { name: m.auth.signIn.submit }).click();
    await onPath(page, /^\/app/);

    // 2. Switch to Demo Enterprise with the organization switcher.
    await page.getByTestId("org-switcher").click();
    await page.getByRole("menuitem", { name: new RegExp(DEMO_ENTERPRISE_ORG_NAME) }).click();
    await expect
      .poll(async () => page.getByTestId("org-switcher").textContent(), { timeout: 30_000 })
      .toContain(DEMO_ENTERPRISE_ORG_NAME);

    // 3. Settings → API keys → create a key with both scopes, copy the secret.
    await page.goto("/app/settings/api-keys");
    const form = page.getByRole("form", { name: keys.createTitle });
    await visible(form);
    await form.getByLabel(keys.name).fill("README walkthrough");
    await form.getByRole("checkbox", { name: new RegExp(keys.scopeNames["books:read"]) }).check();
    await form.getByRole("checkbox", { name: new RegExp(keys.scopeNames["books:write"]) }).check();
    await form.getByRole("button", { name: keys.create }).click();
    const secret = await (await visible(page.getByTestId("new-api-key-secret"))).inputValue();
    expect(secret).toMatch(/^sk_live_/);
    await screenshot(page, "readme-01-api-key");
    await context.close();

    // 4. The terminal: the README's exports (with this server's URL and the new key), then its commands.
    const env: Record<string, string> = {};
    const commands: string[][] = [];
    for (const line of lines) {
      const words = shellWords(line);
      if (words[0] === "export") {
        const [name] = words[1]!.split("=");
        env[name!] = name === "SCRIPTORIUM_API_KEY" ? secret : name === "SCRIPTORIUM_API_URL" ? baseUrl() : "";
      } else if (words[0] === "npx" && words[1] === "scriptorium") {
        commands.push(words.slice(2));
      } else {
        throw new Error(`the walkthrough has a line this test does not know how to run: ${line}`);
      }
    }
    expect(Object.keys(env).sort()).toEqual(["SCRIPTORIUM_API_KEY", "SCRIPTORIUM_API_URL"]);
    expect(commands.map((c) => c.slice(0, 2).join(" "))).toEqual(["books create", "books wait", "books download"]);

    let bookId: string | null = null;
    for (const command of commands) {
      const args = command.map((word) => {
        if (word !== "<id>") return word;
        if (!bookId) throw new Error("<id> used before a book was created");
        return bookId;
      });
      const result = await run(args, env, workDir);
      expect(result, `scriptorium ${args.join(" ")}`).toMatchObject({ code: 0 });
      const created = /Created book (\S+) \(/.exec(result.stdout);
      if (created) bookId = created[1]!;
    }
    expect(bookId).not.toBeNull();

    // The EPUB the last command saved passes epubcheck.
    const epubs = readdirSync(workDir).filter((file) => file.endsWith(".epub"));
    expect(epubs).toHaveLength(1);
    const report = await epubcheck(path.join(workDir, epubs[0]!));
    expect(report, report.messages.join("\n")).toMatchObject({ fatals: 0, errors: 0 });
  });
});
