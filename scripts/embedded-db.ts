// Hosts the embedded PGlite database in the foreground (for debugging, psql, or running `next dev` and
// `npm run worker` by hand). `npm start` / `npm run dev` host it in-process and do not need this.
import { startEmbeddedDatabase } from "@/server/db/embedded-database";
import { env } from "@/server/env";

async function main(): Promise<void> {
  const { DATA_DIR, EMBEDDED_DB_PORT, DATABASE_URL } = env();
  if (DATABASE_URL) {
    console.warn("Note: DATABASE_URL is set, so the app will use it, not this embedded database.");
  }
  const database = await startEmbeddedDatabase({ dataDir: DATA_DIR, port: EMBEDDED_DB_PORT });
  console.log(`Embedded database (PGlite, ${database.pgliteDir}) listening at ${database.url}`);
  console.log("Press Ctrl+C to stop.");

  let stopping = false;
  const stop = async (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal} received, closing the embedded database…`);
    await database.stop();
    console.log("Embedded database stopped.");
    process.exit(0);
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
