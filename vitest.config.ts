import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";
// Node processes the tests start (workers, render scripts) load server modules too: the preload reaches
// them through NODE_OPTIONS (see scripts/server-only-preload.mjs).
import "./scripts/server-only-preload.mjs";

// Unit and integration tests against real PostgreSQL: tests/setup/global-setup.ts creates one fresh,
// migrated database per run and every test file shares it (so tests create their own uniquely named rows
// and never assume an empty table). Playwright journeys (tests/e2e) run separately.
export default defineConfig({
  resolve: {
    alias: {
      "@": fileURLToPath(new URL("./src", import.meta.url)),
      // Tests run server modules outside Next: `import "server-only"` loads its empty module here.
      "server-only": fileURLToPath(new URL("./node_modules/server-only/empty.js", import.meta.url)),
    },
  },
  test: {
    environment: "node",
    include: ["src/**/*.test.ts", "tests/**/*.test.ts"],
    exclude: ["tests/e2e/**", "node_modules/**", ".next/**", ".data/**"],
    globalSetup: ["tests/setup/global-setup.ts"],
    setupFiles: ["tests/setup/test-env.ts"],
    pool: "forks",
    // Two cores on CI: more workers than that only adds contention on the shared database.
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    teardownTimeout: 30_000,
  },
});
