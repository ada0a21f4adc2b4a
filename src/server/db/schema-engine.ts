import "server-only";
// The Prisma schema engine compiled to WebAssembly, driven through a pg driver adapter. It replaces the
// native `schema-engine` binary, which `prisma migrate` downloads on first use and which cannot be
// downloaded offline. Development-only: deploying migrations never loads it (see migrations.ts).
import { randomUUID } from "node:crypto";
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import {
  bindMigrationAwareSqlAdapterFactory,
  ColumnTypeEnum,
  type SqlDriverAdapter,
  type SqlQueryable,
  type SqlMigrationAwareDriverAdapterFactory,
} from "@prisma/driver-adapter-utils";
import type { SchemaEngine as WasmSchemaEngine } from "@prisma/schema-engine-wasm";
import pg from "pg";

export type SchemaEngine = WasmSchemaEngine;

let lastPanic: string | undefined;
let engineClass: Promise<typeof WasmSchemaEngine> | undefined;

// wasm-bindgen's "bundler" output imports the .wasm file as an ES module, which Node 20 cannot do
// without a flag: instantiate it by hand, once per process (a second instantiation breaks wasm-bindgen).
async function loadEngineClass(): Promise<typeof WasmSchemaEngine> {
  // The engine reports a Rust panic's reason here before throwing an opaque "unreachable" error.
  (globalThis as { PRISMA_WASM_PANIC_REGISTRY?: unknown }).PRISMA_WASM_PANIC_REGISTRY = {
    set_message(message: string) {
      lastPanic = message;
    },
  };
  const runtime = await import("@prisma/schema-engine-wasm/schema_engine_bg");
  const require = createRequire(import.meta.url);
  const wasmFile = path.join(path.dirname(require.resolve("@prisma/schema-engine-wasm")), "schema_engine_bg.wasm");
  const module = new WebAssembly.Module(await readFile(wasmFile));
  const instance = new WebAssembly.Instance(module, { "./schema_engine_bg.js": runtime as WebAssembly.ModuleImports });
  runtime.__wbg_set_wasm(instance.exports);
  (instance.exports.__wbindgen_start as () => void)();
  return runtime.SchemaEngine;
}

/** A place where the engine can create throw-away shadow databases. */
export interface ShadowProvider {
  /** Connects to a fresh empty database; `dispose()` on the adapter removes it. */
  connect(): Promise<SqlDriverAdapter>;
  describe: string;
}

/** Shadow databases created (and dropped) on a PostgreSQL server reachable through `adminUrl`. */
export function serverShadowProvider(adminUrl: string, log: (line: string) => void = () => {}): ShadowProvider {
  return {
    describe: `temporary database on ${new URL(adminUrl).host}`,
    async connect() {
      const name = `prisma_shadow_${randomUUID().replaceAll("-", "")}`;
      await adminExecute(adminUrl, `CREATE DATABASE "${name}"`);
      log(`created shadow database ${name}`);
      const url = new URL(adminUrl);
      url.pathname = `/${name}`;
      const adapter = await pgAdapter(url.toString());
      return withDispose(adapter, async () => {
        await adminExecute(adminUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
        log(`dropped shadow database ${name}`);
      });
    },
  };
}

/** Shadow databases in an in-process PGlite served over pglite-socket: needs no server at all. */
export function pgliteShadowProvider(): ShadowProvider {
  return {
    describe: "in-process PGlite",
    async connect() {
      const { PGlite } = await import("@electric-sql/pglite");
      const { PGLiteSocketServer } = await import("@electric-sql/pglite-socket");
      const db = await PGlite.create();
      const server = new PGLiteSocketServer({ db, host: "127.0.0.1", port: 0, maxConnections: 8 });
      await server.start();
      const adapter = await pgAdapter(`postgresql://postgres@${server.getServerConn()}/postgres?sslmode=disable`);
      return withDispose(adapter, async () => {
        await server.stop();
        await db.close();
      });
    },
  };
}

const pgCharOid = 18;
const pgTextOid = 25;
// Appended to the name of a "char" column between the pg client and the adapter; never leaves this file.
const charMarker = "\u0000char";

type FieldLike = { name: string; dataTypeID: number };

// The engine's catalog queries return columns of PostgreSQL's internal one-byte type "char" (relkind,
// contype, confdeltype...). @prisma/adapter-pg refuses that type, and the engine wants them typed as
// characters. pg hands their values over as strings, so: below the adapter we present them as text and tag
// the column name; above it (queryRaw) we strip the tag and type the column as a character.
function tagCharColumns<T>(result: T): T {
  for (const r of Array.isArray(result) ? result : [result]) {
    for (const field of (r as { fields?: FieldLike[] } | undefined)?.fields ?? []) {
      if (field.dataTypeID === pgCharOid) {
        field.dataTypeID = pgTextOid;
        field.name += charMarker;
      }
    }
  }
  return result;
}

class CharAsTextClient extends pg.Client {
  // biome-ignore lint/suspicious/noExplicitAny: forwards every overload of pg.Client#query unchanged.
  override query(...args: any[]): any {
    const last = args.at(-1);
    if (typeof last === "function") {
      args[args.length - 1] = (error: unknown, result: unknown) => last(error, error ? result : tagCharColumns(result));
      return (super.query as (...a: unknown[]) => unknown)(...args);
    }
    const returned = (super.query as (...a: unknown[]) => unknown)(...args);
    return returned instanceof Promise ? returned.then(tagCharColumns) : returned;
  }
}

function untagCharColumns<Q extends SqlQueryable>(queryable: Q): Q {
  const queryRaw = queryable.queryRaw.bind(queryable);
  queryable.queryRaw = async (query) => {
    const result = await queryRaw(query);
    result.columnNames.forEach((name, i) => {
      if (name.endsWith(charMarker)) {
        result.columnNames[i] = name.slice(0, -charMarker.length);
        result.columnTypes[i] = ColumnTypeEnum.Character;
      }
    });
    return result;
  };
  return queryable;
}

async function pgAdapter(url: string): Promise<SqlDriverAdapter> {
  const pool = new pg.Pool({ connectionString: url, max: 2, Client: CharAsTextClient });
  const adapter = untagCharColumns(await new PrismaPg(pool, { disposeExternalPool: true }).connect());
  const startTransaction = adapter.startTransaction.bind(adapter);
  adapter.startTransaction = async (isolationLevel) => untagCharColumns(await startTransaction(isolationLevel));
  return adapter;
}

async function adminExecute(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

function withDispose(adapter: SqlDriverAdapter, cleanup: () => Promise<void>): SqlDriverAdapter {
  const dispose = adapter.dispose.bind(adapter);
  adapter.dispose = async () => {
    try {
      await dispose();
    } finally {
      await cleanup();
    }
  };
  return adapter;
}

/** Turns a wasm "unreachable" trap into an error carrying the Rust panic message the engine registered. */
export function engineError(error: unknown): unknown {
  if (error instanceof WebAssembly.RuntimeError && lastPanic) {
    const panic = lastPanic;
    lastPanic = undefined;
    return new Error(`The schema engine panicked: ${panic}`, { cause: error });
  }
  return error;
}

export interface RunningSchemaEngine {
  engine: SchemaEngine;
  /** Frees the engine and closes every connection it opened (it does not close them itself). */
  close(): Promise<void>;
}

/**
 * Starts the wasm schema engine. `mainUrl` is the database it treats as "the" database (diff --from-url,
 * apply); without one it gets a scratch database. It asks `shadow` for a fresh database whenever it must
 * replay the migrations directory.
 */
export async function startSchemaEngine(opts: {
  shadow: ShadowProvider;
  mainUrl?: string;
  schema?: { path: string; content: string };
  log?: (line: string) => void;
}): Promise<RunningSchemaEngine> {
  const open = new Set<SqlDriverAdapter>();
  const track = async (connecting: Promise<SqlDriverAdapter>) => {
    const adapter = await connecting;
    open.add(adapter);
    return withDispose(adapter, async () => {
      open.delete(adapter);
    });
  };
  // PrismaPg's own connectToShadowDb ignores its database name when the config is a connection string
  // (pg lets the string win), so the shadow side is ours.
  const factory: SqlMigrationAwareDriverAdapterFactory = {
    provider: "postgres",
    adapterName: "scriptorium-migrations",
    connect: () => track(opts.mainUrl ? pgAdapter(opts.mainUrl) : opts.shadow.connect()),
    connectToShadowDb: () => track(opts.shadow.connect()),
  };
  const closeAll = async () => {
    for (const adapter of [...open]) await adapter.dispose();
  };
  engineClass ??= loadEngineClass();
  const Engine = await engineClass;
  const bound = bindMigrationAwareSqlAdapterFactory(factory);
  const log = opts.log ?? (() => {});
  try {
    const datamodels: [string, string][] | undefined = opts.schema
      ? [[opts.schema.path, opts.schema.content]]
      : undefined;
    const engine = await Engine.new({ datamodels }, log, bound);
    return {
      engine,
      async close() {
        engine.free();
        await closeAll();
      },
    };
  } catch (error) {
    await closeAll();
    throw engineError(error);
  }
}
