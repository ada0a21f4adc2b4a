// `scriptorium` — the command-line client of the Scriptorium API v1, built on the typed SDK.
// Configured by SCRIPTORIUM_API_URL (the app's URL) and SCRIPTORIUM_API_KEY (an sk_live_… key).
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import {
  createScriptoriumClient,
  type FormatName,
  type Job,
  type ScriptoriumClient,
  ScriptoriumError,
} from "../src/sdk/scriptorium-client";

const HELP = `Usage: scriptorium <command> [options]

  books list [--search TEXT] [--status S] [--limit N] [--cursor C] [--json]
                                            --search (-q): title or topic contains TEXT, any case
  books create --title T --topic T --goal G [--audience A] [--language en|fr] [--tone T]
               [--chapters N] [--words N] [--engine ID] [--review-plan] [--idempotency-key K] [--wait] [--json]
                                            --review-plan: pause after the outline and bible for review
  books get <bookId> [--json]
  books wait <bookId>                       live progress until the book is written
  books download <bookId> --format epub|pdf|docx|html|markdown [--out FILE]
  books delete <bookId>
  books check <bookId> [--full] [--wait] [--json]
                                            check spelling, grammar, style; --wait until it finishes
  corrections list <bookId> [--chapter ID] [--type T] [--severity S] [--status S] [--limit N]
                   [--cursor C] [--json]
  jobs status|cancel|retry|continue <bookId>
                                            continue: write a book paused for the plan review
  usage

Environment: SCRIPTORIUM_API_URL (e.g. http://localhost:3000), SCRIPTORIUM_API_KEY (sk_live_…)`;

export interface CliIo {
  env: Record<string, string | undefined>;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  isTTY: boolean;
  cwd: string;
  fetch?: typeof fetch;
}

/** A one-line progress bar: `[#####-----]  50% Writing chapter 2 of 4 · 1,200/2,400 words`. */
export function progressLine(job: Job, width = 24): string {
  const percent = Math.max(0, Math.min(100, job.progress));
  const filled = Math.round((percent / 100) * width);
  const details = (job.progressDetails ?? {}) as {
    message?: string | null;
    currentChapter?: number | null;
    chaptersTotal?: number;
    wordsWritten?: number;
    wordsTarget?: number;
  };
  const parts = [details.message ?? job.status];
  if (details.currentChapter && details.chaptersTotal)
    parts.push(`chapter ${details.currentChapter}/${details.chaptersTotal}`);
  if (details.wordsTarget)
    parts.push(`${(details.wordsWritten ?? 0).toLocaleString("en")}/${details.wordsTarget.toLocaleString("en")} words`);
  return `[${"#".repeat(filled)}${"-".repeat(width - filled)}] ${String(percent).padStart(3)}% ${parts.join(" · ")}`;
}

async function waitFor(client: ScriptoriumClient, bookId: string, io: CliIo): Promise<number> {
  let last = "";
  const job = await client.books.wait(bookId, {
    onProgress: (j) => {
      const line = progressLine(j);
      if (line === last) return;
      last = line;
      if (io.isTTY) io.stderr(`\r\x1b[2K${line}`);
      else io.stderr(`${line}\n`);
    },
  });
  if (io.isTTY) io.stderr("\n");
  if (job.status === "COMPLETED") {
    io.stdout(`Book ${bookId} is ready.\n`);
    return 0;
  }
  if (job.status === "AWAITING_REVIEW") {
    io.stdout(
      `Book ${bookId} is waiting for your review of the outline and the bible; continue it on the book page or with \`scriptorium jobs continue ${bookId}\`.\n`,
    );
    return 0;
  }
  io.stderr(`Generation ${job.status}${job.error ? `: ${job.error}` : ""}\n`);
  return 1;
}

/** Runs one CLI invocation; returns the exit code (0 ok, 1 API or job failure, 2 usage error). */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      title: { type: "string" },
      topic: { type: "string" },
      goal: { type: "string" },
      audience: { type: "string" },
      language: { type: "string" },
      tone: { type: "string" },
      chapters: { type: "string" },
      words: { type: "string" },
      engine: { type: "string" },
      status: { type: "string" },
      search: { type: "string", short: "q" },
      limit: { type: "string" },
      cursor: { type: "string" },
      format: { type: "string" },
      out: { type: "string", short: "o" },
      "idempotency-key": { type: "string" },
      "review-plan": { type: "boolean" },
      wait: { type: "boolean" },
      full: { type: "boolean" },
      chapter: { type: "string" },
      type: { type: "string" },
      severity: { type: "string" },
      json: { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
  });
  const [group, command, id] = positionals;
  if (values.help || !group) {
    io.stdout(`${HELP}\n`);
    return values.help ? 0 : 2;
  }
  const baseUrl = io.env.SCRIPTORIUM_API_URL;
  const apiKey = io.env.SCRIPTORIUM_API_KEY;
  if (!baseUrl || !apiKey) {
    io.stderr("Set SCRIPTORIUM_API_URL and SCRIPTORIUM_API_KEY.\n");
    return 2;
  }
  const client = createScriptoriumClient({ baseUrl, apiKey, fetch: io.fetch });
  const print = (value: unknown) => io.stdout(`${JSON.stringify(value, null, 2)}\n`);
  const needId = () => {
    if (!id) throw new ScriptoriumError(0, "USAGE", `Usage: scriptorium ${group} ${command} <bookId>`);
    return id;
  };
  try {
    if (group === "books" && command === "list") {
      const page = await client.books.list({
        status: values.status as never,
        q: values.search,
        limit: values.limit ? Number(values.limit) : undefined,
        cursor: values.cursor,
      });
      if (values.json) print(page);
      else {
        for (const b of page.items)
          io.stdout(
            `${b.id}  ${b.status.padEnd(10)} ${b.job ? `${b.job.progress}%`.padStart(4) : "    "}  ${b.title}\n`,
          );
        if (page.items.length === 0 && values.search) io.stdout(`No book matches "${values.search}".\n`);
        if (page.nextCursor) io.stdout(`(more: --cursor ${page.nextCursor})\n`);
      }
      return 0;
    }
    if (group === "books" && command === "create") {
      const number = (v: string | undefined) => (v === undefined ? undefined : Number(v));
      const { book, job } = await client.books.create(
        {
          title: values.title ?? "",
          topic: values.topic ?? "",
          goal: values.goal ?? "",
          audience: values.audience,
          language: values.language as "en" | "fr" | undefined,
          tone: values.tone,
          targetChapters: number(values.chapters),
          targetWords: number(values.words),
          engine: values.engine as never,
          reviewPlan: values["review-plan"],
        },
        { idempotencyKey: values["idempotency-key"] },
      );
      if (values.json) print({ book, job });
      else io.stdout(`Created book ${book.id} (job ${job.id}, ${job.status}).\n`);
      return values.wait ? waitFor(client, book.id, io) : 0;
    }
    if (group === "books" && command === "get") {
      const detail = await client.books.get(needId());
      if (values.json) print(detail);
      else {
        io.stdout(`${detail.book.title} — ${detail.book.status}\n`);
        for (const c of detail.chapters) io.stdout(`  ${c.order}. ${c.title} (${c.status}, ${c.wordCount} words)\n`);
      }
      return 0;
    }
    if (group === "books" && command === "wait") return waitFor(client, needId(), io);
    if (group === "books" && command === "download") {
      const format = (values.format ?? "").toLowerCase();
      if (!["epub", "pdf", "docx", "html", "markdown"].includes(format)) {
        io.stderr("--format must be one of epub, pdf, docx, html, markdown\n");
        return 2;
      }
      const bookId = needId();
      // A book that just completed has its files still rendering: wait for this one rather than fail.
      let shown = "";
      const row = await client.formats.wait(bookId, format as FormatName, {
        onProgress: (r) => {
          if ((r.status === "PENDING" || r.status === "RENDERING") && r.status !== shown) {
            shown = r.status;
            io.stderr(`The ${format} file is ${r.status === "PENDING" ? "queued" : "rendering"}…\n`);
          }
        },
      });
      if (!row.available) {
        io.stderr(
          row.status === "FAILED"
            ? `The ${format} file could not be rendered${row.error ? `: ${row.error}` : ""}\n`
            : `The ${format} file of this book has not been rendered yet (regenerate the formats on the book page)\n`,
        );
        return 1;
      }
      const file = await client.formats.download(bookId, format as FormatName);
      const target = path.resolve(io.cwd, values.out ?? file.fileName);
      await writeFile(target, file.bytes);
      io.stdout(`Saved ${target} (${file.bytes.byteLength.toLocaleString("en")} bytes)\n`);
      return 0;
    }
    if (group === "books" && command === "delete") {
      await client.books.delete(needId());
      io.stdout("Deleted.\n");
      return 0;
    }
    if (group === "books" && command === "check") {
      const bookId = needId();
      const { run } = await client.checks.start(bookId, { full: Boolean(values.full) });
      if (!values.wait) {
        if (values.json) print(run);
        else io.stdout(`Check ${run.id} queued (${run.status}).\n`);
        return 0;
      }
      const finished = await client.checks.wait(bookId, {
        onProgress: (r) => {
          if (io.isTTY) io.stderr(`\r\x1b[2K${r.status} ${r.chaptersDone}/${r.chaptersTotal} chapters ${r.progress}%`);
        },
      });
      if (io.isTTY) io.stderr("\n");
      if (values.json) print(finished);
      else if (finished.status === "COMPLETED" && finished.summary) {
        const s = finished.summary;
        io.stdout(`Check finished: ${s.errors} errors, ${s.warnings} warnings, ${s.infos} notes (${s.new} new).\n`);
      } else io.stdout(`Check ${finished.status}${finished.error ? `: ${finished.error}` : ""}\n`);
      return finished.status === "COMPLETED" ? 0 : 1;
    }
    if (group === "corrections" && command === "list") {
      const page = await client.corrections.list(needId(), {
        chapterId: values.chapter,
        type: values.type as never,
        severity: values.severity as never,
        status: values.status as never,
        limit: values.limit ? Number(values.limit) : undefined,
        cursor: values.cursor,
      });
      if (values.json) print(page);
      else {
        for (const c of page.items) {
          const where = c.startOffset === null ? "" : ` @${c.startOffset}`;
          const fix = c.suggestions.length > 0 ? ` → ${c.suggestions[0]}` : "";
          io.stdout(
            `${c.id}  ${c.status.padEnd(8)} ${c.severity.padEnd(8)} ${c.type.padEnd(10)} ${c.message}${c.original ? ` “${c.original}”${fix}` : ""}${where}\n`,
          );
        }
        if (page.items.length === 0) io.stdout("No findings.\n");
        if (page.nextCursor) io.stdout(`(more: --cursor ${page.nextCursor})\n`);
      }
      return 0;
    }
    const jobCommands = {
      status: client.jobs.get,
      cancel: client.jobs.cancel,
      retry: client.jobs.retry,
      continue: client.jobs.continue,
    } as const;
    if (group === "jobs" && command && Object.hasOwn(jobCommands, command)) {
      const job = await jobCommands[command as keyof typeof jobCommands](needId());
      if (values.json) print(job);
      else io.stdout(`${progressLine(job)}\n`);
      return 0;
    }
    if (group === "usage") {
      print(await client.usage.get());
      return 0;
    }
    io.stderr(`Unknown command: ${positionals.join(" ")}\n\n${HELP}\n`);
    return 2;
  } catch (error) {
    if (error instanceof ScriptoriumError) {
      io.stderr(
        `Error ${error.status || ""} ${error.code}: ${error.message}${error.field ? ` (${error.field})` : ""}\n`,
      );
      return error.code === "USAGE" ? 2 : 1;
    }
    throw error;
  }
}

/** Runs the CLI on this process's arguments and streams (the `scriptorium` bin calls it). */
export async function main(): Promise<void> {
  process.exitCode = await runCli(process.argv.slice(2), {
    env: process.env,
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    isTTY: Boolean(process.stderr.isTTY),
    cwd: process.cwd(),
  });
}
