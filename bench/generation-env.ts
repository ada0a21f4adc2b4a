// Imported first by bench/generation.ts: the environment the measured code reads at import time.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

process.env.AUTH_SECRET ??= "bench-secret-0123456789abcdef0123456789abcdef";
process.env.DATA_DIR = mkdtempSync(path.join(tmpdir(), "scriptorium-bench-"));
process.env.GENERATION_CONCURRENCY = process.env.BENCH_CONCURRENCY ?? "8";
