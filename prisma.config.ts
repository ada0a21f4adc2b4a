import { defineConfig } from "prisma/config";

// The URL is only read by commands that talk to a database; `generate` and `validate` never do.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations", seed: "tsx --import ./scripts/server-only-preload.mjs prisma/seed.ts" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/scriptorium" },
});
