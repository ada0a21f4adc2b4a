// Runs in every test worker before any test file: a fixed secret and a throwaway data directory, so
// tests never read or write the developer's `.data/` (the database URL comes from the global setup).
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

process.env.AUTH_SECRET ??= "test-secret-0123456789abcdef0123456789abcdef";
process.env.APP_URL ??= "http://localhost:3000";
process.env.DATA_DIR ??= mkdtempSync(path.join(tmpdir(), "scriptorium-test-data-"));
delete process.env.SMTP_URL;
