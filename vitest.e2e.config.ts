import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// Browser journeys only. `npm run test:e2e` (tests/e2e/run.ts) starts the production build on a throw-away
// embedded database and passes its address in E2E_BASE_URL; journeys run one file at a time, in order.
export default defineConfig({
  resolve: {
    alias: {
      "@": fileURLToPath(new URL("./src", import.meta.url)),
      // Journeys read server constants (demo accounts): `import "server-only"` loads its empty module here.
      "server-only": fileURLToPath(new URL("./node_modules/server-only/empty.js", import.meta.url)),
    },
  },
  test: {
    environment: "node",
    include: ["tests/e2e/**/*.e2e.ts"],
    // Fails a journey file whose pages reported a Content Security Policy violation.
    setupFiles: ["tests/e2e/csp-guard.ts"],
    pool: "forks",
    fileParallelism: false,
    maxWorkers: 1,
    testTimeout: 90_000,
    hookTimeout: 90_000,
  },
});
