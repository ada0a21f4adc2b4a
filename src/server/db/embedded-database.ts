import "server-only";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PGliteWireServer } from "./pglite-wire-server";
import { isProcessAlive } from "./process-alive";

/**
 * Connections the socket accepts. PGlite is one session behind every connection, and the socket drops any
 * connection past its cap ("Connection terminated unexpectedly"), so this must exceed the sum of every pool:
 * web Prisma (4) + web pg-boss (2) + worker Prisma (4) + worker pg-boss (3) + migrations/seed/scripts.
 */
export const EMBEDDED_MAX_CONNECTIONS = 32;

export interface EmbeddedDatabaseOptions {
  /** The data directory (DATA_DIR); the cluster lives in `<dataDir>/pglite`. */
  dataDir: string;
  /** TCP port on 127.0.0.1; 0 picks a free one (tests). */
  port: number;
  maxConnections?: number;
}

export interface EmbeddedDatabase {
  /** postgresql:// URL every client (Prisma, pg-boss, migrations) connects to. */
  url: string;
  port: number;
  /** Absolute path of the PGlite cluster directory. */
  pgliteDir: string;
  /** Closes the socket server, then PGlite, so the cluster is shut down cleanly; safe to call twice. */
  stop(): Promise<void>;
}

/** Thrown when the embedded database cannot start for a reason the user can fix (port taken, dir locked). */
export class EmbeddedDatabaseError extends Error {
  override name = "EmbeddedDatabaseError";
}

/** Opens the persisted PGlite cluster under `<dataDir>/pglite` and serves it over the Postgres wire protocol. */
export async function startEmbeddedDatabase(options: EmbeddedDatabaseOptions): Promise<EmbeddedDatabase> {
  const host = "127.0.0.1";
  const dataDir = path.resolve(options.dataDir);
  const pgliteDir = path.join(dataDir, "pglite");
  mkdirSync(dataDir, { recursive: true });

  // Check the port before opening PGlite: a taken port usually means another `npm start` already owns this
  // cluster, and opening the same directory from two processes would corrupt it.
  if (options.port !== 0) await assertPortFree(host, options.port);
  const lock = acquireLock(path.join(dataDir, "pglite.lock"));

  let db: PGlite | undefined;
  let server: PGliteWireServer | undefined;
  let port: number;
  try {
    db = await PGlite.create(pgliteDir);
    server = new PGliteWireServer(db, {
      host,
      port: options.port,
      maxConnections: options.maxConnections ?? EMBEDDED_MAX_CONNECTIONS,
    });
    port = await server.start();
  } catch (error) {
    await db?.close().catch(() => {});
    lock.release();
    if (isAddressInUse(error)) throw portInUseError(options.port);
    throw error;
  }

  const url = `postgresql://postgres@${host}:${port}/postgres?sslmode=disable`;
  const openDb = db;
  const openServer = server;
  let stopping: Promise<void> | undefined;

  return {
    url,
    port,
    pgliteDir,
    stop() {
      stopping ??= (async () => {
        try {
          // server.stop() closes every client socket (rolling back an open transaction) and lets queued
          // work finish, so nothing touches PGlite after close() checkpoints it.
          await openServer.stop();
        } finally {
          await openDb.close();
          lock.release();
        }
      })();
      return stopping;
    },
  };
}

function isAddressInUse(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | undefined)?.code === "EADDRINUSE";
}

function portInUseError(port: number): EmbeddedDatabaseError {
  return new EmbeddedDatabaseError(
    `Port ${port} on 127.0.0.1 is already in use, so the embedded database cannot start. ` +
      "Another `npm start` or `npm run db:embedded` is probably running: stop it, or set EMBEDDED_DB_PORT " +
      "to a free port, or set DATABASE_URL to use PostgreSQL.",
  );
}

async function assertPortFree(host: string, port: number): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", (error) => reject(isAddressInUse(error) ? portInUseError(port) : error));
    probe.listen(port, host, () => probe.close(() => resolve()));
  });
}

/**
 * A pid file next to the cluster: PGlite has no postmaster lock of its own, so two processes could open the
 * same directory (e.g. `npm start` with a different EMBEDDED_DB_PORT) and corrupt it.
 */
function acquireLock(file: string): { release(): void } {
  if (existsSync(file)) {
    const pid = Number(readFileSync(file, "utf8").trim());
    if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && isProcessAlive(pid)) {
      throw new EmbeddedDatabaseError(
        `The embedded database in ${path.dirname(file)} is already open in process ${pid}. ` +
          "Stop that process first (or point DATA_DIR elsewhere).",
      );
    }
    if (pid === process.pid) {
      throw new EmbeddedDatabaseError(`The embedded database in ${path.dirname(file)} is already open here.`);
    }
  }
  writeFileSync(file, String(process.pid));
  let released = false;
  return {
    release() {
      if (released) return;
      released = true;
      rmSync(file, { force: true });
    },
  };
}
