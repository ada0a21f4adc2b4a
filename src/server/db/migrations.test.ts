import { appendFile, cp, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";
import pg from "pg";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { createTempDatabase, type TempDatabase, testAdminUrl } from "../../../tests/helpers/temp-database";
import {
  createMigration,
  defaultMigrationsDir,
  defaultSchemaPath,
  deployMigrations,
  migrationChecksum,
  migrationList,
  readMigrations,
  resetDatabase,
} from "./migrations";
import { pgliteShadowProvider, serverShadowProvider, startSchemaEngine } from "./schema-engine";

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function tempDatabase(label: string): Promise<TempDatabase> {
  const database = await createTempDatabase(label);
  cleanups.push(database.drop);
  return database;
}

/** A scratch copy of prisma/schema.prisma and prisma/migrations that a test may change freely. */
async function tempWorkspace(): Promise<{ schemaPath: string; migrationsDir: string }> {
  const dir = await mkdtemp(path.join(tmpdir(), "scriptorium-migrations-"));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  const schemaPath = path.join(dir, "schema.prisma");
  const migrationsDir = path.join(dir, "migrations");
  await cp(defaultSchemaPath, schemaPath);
  await cp(defaultMigrationsDir, migrationsDir, { recursive: true });
  return { schemaPath, migrationsDir };
}

async function query<T extends pg.QueryResultRow>(url: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

const tablesIn = async (url: string) =>
  (
    await query<{ table_name: string }>(
      url,
      "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'",
    )
  ).map((r) => r.table_name);

// The tables the schema declares: each model's name, or its @@map.
function modelTables(schema: string): string[] {
  return [...schema.matchAll(/^model\s+(\w+)\s*\{([\s\S]*?)^\}/gm)].map(
    ([, model, body]) => body?.match(/@@map\(\s*"([^"]+)"\s*\)/)?.[1] ?? model!,
  );
}

// What `prisma migrate status` / `deploy` (the real schema engine) think of a database's migration history.
async function prismaDiagnosis(url: string, migrationsDir = defaultMigrationsDir) {
  const { engine, close } = await startSchemaEngine({ shadow: serverShadowProvider(testAdminUrl()), mainUrl: url });
  try {
    return await engine.diagnoseMigrationHistory({
      migrationsList: await migrationList(migrationsDir),
      optInToShadowDatabase: false,
      filters: { externalTables: [], externalEnums: [] },
    });
  } finally {
    await close();
  }
}

describe("deployMigrations", () => {
  it("builds every model's table in an empty database and records it the way Prisma does", async () => {
    const { url } = await tempDatabase("deploy");
    const onDisk = await readMigrations();
    expect(onDisk.length).toBeGreaterThan(0);

    const { applied } = await deployMigrations(url);

    expect(applied).toEqual(onDisk.map((m) => m.name));
    const expected = modelTables(await readFile(defaultSchemaPath, "utf8"));
    expect(expected.length).toBeGreaterThan(10);
    const tables = await tablesIn(url);
    for (const table of expected) expect(tables, `table for model ${table}`).toContain(table);

    const rows = await query<{
      migration_name: string;
      checksum: string;
      finished_at: Date | null;
      applied_steps_count: number;
    }>(
      url,
      `SELECT migration_name, checksum, finished_at, applied_steps_count FROM "_prisma_migrations" ORDER BY migration_name`,
    );
    expect(rows).toEqual(
      onDisk.map((m) => ({
        migration_name: m.name,
        checksum: m.checksum,
        finished_at: expect.any(Date),
        applied_steps_count: 1,
      })),
    );
    expect(onDisk[0]!.checksum).toBe(migrationChecksum(onDisk[0]!.sql));
    expect(onDisk[0]!.checksum).toMatch(/^[0-9a-f]{64}$/);

    // Prisma's own engine agrees: history in sync, nothing edited, nothing failed.
    expect(await prismaDiagnosis(url)).toEqual({
      editedMigrationNames: [],
      failedMigrationNames: [],
      hasMigrationsTable: true,
      history: null,
    });
  });

  it("applies nothing the second time", async () => {
    const { url } = await tempDatabase("twice");
    const first = await deployMigrations(url);
    const before = await query(url, `SELECT * FROM "_prisma_migrations" ORDER BY id`);

    const second = await deployMigrations(url);

    expect(first.applied.length).toBeGreaterThan(0);
    expect(second.applied).toEqual([]);
    expect(await query(url, `SELECT * FROM "_prisma_migrations" ORDER BY id`)).toEqual(before);
  });

  it("refuses to run when an applied migration was edited, and applies nothing else", async () => {
    const { url } = await tempDatabase("tampered");
    const { migrationsDir } = await tempWorkspace();
    await deployMigrations(url, { migrationsDir });
    const [first] = await readMigrations(migrationsDir);
    await appendFile(path.join(migrationsDir, first!.name, "migration.sql"), "\n-- edited after deploy\n");
    await mkdir(path.join(migrationsDir, "29990101000000_later"));
    await writeFile(
      path.join(migrationsDir, "29990101000000_later", "migration.sql"),
      'CREATE TABLE "Later" (id int);',
    );

    await expect(deployMigrations(url, { migrationsDir })).rejects.toThrow(
      new RegExp(`Refusing to deploy: migration\\(s\\) ${first!.name} were modified after they were applied`),
    );
    expect(await tablesIn(url)).not.toContain("Later");
    expect((await prismaDiagnosis(url, migrationsDir)).editedMigrationNames).toEqual([first!.name]);
  });

  it("rolls a failing migration back completely and records nothing for it", async () => {
    const { url } = await tempDatabase("failing");
    const { migrationsDir } = await tempWorkspace();
    await deployMigrations(url, { migrationsDir });
    await mkdir(path.join(migrationsDir, "29990101000000_broken"));
    await writeFile(
      path.join(migrationsDir, "29990101000000_broken", "migration.sql"),
      'CREATE TABLE "HalfDone" (id int);\nALTER TABLE "NoSuchTable" ADD COLUMN x int;\n',
    );

    await expect(deployMigrations(url, { migrationsDir })).rejects.toThrow(
      /Migration 29990101000000_broken failed and was rolled back: relation "NoSuchTable" does not exist/,
    );
    expect(await tablesIn(url)).not.toContain("HalfDone");
    const names = await query<{ migration_name: string }>(url, `SELECT migration_name FROM "_prisma_migrations"`);
    expect(names.map((r) => r.migration_name)).not.toContain("29990101000000_broken");
  });
});

describe("createMigration", () => {
  it("writes the SQL for an added model and field, then reports no changes", async () => {
    const { schemaPath, migrationsDir } = await tempWorkspace();
    const schema = await readFile(schemaPath, "utf8");
    expect(schema).toMatch(/^model User \{\n/m);
    await writeFile(
      schemaPath,
      `${schema.replace(/^model User \{\n/m, "model User {\n  nickname String?\n")}
model ProbeWidget {
  id        String   @id @default(cuid())
  label     String   @unique
  createdAt DateTime @default(now())
}
`,
    );
    const before = (await readMigrations(migrationsDir)).map((m) => m.name);
    const logs: string[] = [];

    const created = await createMigration("Add probe widget!", {
      schemaPath,
      migrationsDir,
      shadowServerUrl: testAdminUrl(),
      log: (line) => logs.push(line),
    });

    expect(created).not.toBeNull();
    const folder = path.basename(created!.folder);
    expect(folder).toMatch(/^\d{14}_add_probe_widget$/);
    expect(folder > before.at(-1)!).toBe(true);
    const sql = await readFile(path.join(created!.folder, "migration.sql"), "utf8");
    expect(sql).toContain('ALTER TABLE "User" ADD COLUMN     "nickname" TEXT;');
    expect(sql).toContain('CREATE TABLE "ProbeWidget"');
    expect(sql).toContain('CREATE UNIQUE INDEX "ProbeWidget_label_key" ON "ProbeWidget"("label");');
    expect(sql).not.toContain('CREATE TABLE "User"');
    expect(await readFile(path.join(migrationsDir, "migration_lock.toml"), "utf8")).toContain(
      'provider = "postgresql"',
    );

    expect(await createMigration("again", { schemaPath, migrationsDir, shadowServerUrl: testAdminUrl() })).toBeNull();
    expect((await readMigrations(migrationsDir)).map((m) => m.name)).toEqual([...before, folder]);

    // The new migration deploys on top of the old ones.
    const { url } = await tempDatabase("created");
    expect((await deployMigrations(url, { migrationsDir })).applied).toEqual([...before, folder]);
    const columns = await query<{ column_name: string }>(
      url,
      "SELECT column_name FROM information_schema.columns WHERE table_name = 'User' AND column_name = 'nickname'",
    );
    expect(columns).toHaveLength(1);
    expect(await tablesIn(url)).toContain("ProbeWidget");
  });

  it("needs no database server: with no server URL the shadow is an in-process PGlite", async () => {
    const { migrationsDir } = await tempWorkspace();
    const logs: string[] = [];

    const created = await createMigration("nothing", {
      migrationsDir,
      shadowServerUrl: null,
      log: (l) => logs.push(l),
    });

    expect(created).toBeNull();
    expect(logs).toEqual([
      "replaying migrations in a shadow database (in-process PGlite)",
      "no changes: schema.prisma matches the migrations",
    ]);
    // Replaying every migration in an in-process PGlite takes ~13 s alone, several times that on a busy machine.
  }, 180_000);

  it("leaves no shadow database behind on the server", async () => {
    const { migrationsDir } = await tempWorkspace();
    const logs: string[] = [];

    await createMigration("nothing", { migrationsDir, shadowServerUrl: testAdminUrl(), log: (l) => logs.push(l) });

    const created = logs.flatMap((l) => l.match(/^created shadow database (\w+)$/)?.[1] ?? []);
    expect(created.length).toBeGreaterThan(0);
    expect(logs).toEqual(expect.arrayContaining(created.map((name) => `dropped shadow database ${name}`)));
    const remaining = await query(testAdminUrl(), "SELECT datname FROM pg_database WHERE datname = ANY($1)", [created]);
    expect(remaining).toEqual([]);
  });
});

describe("resetDatabase", () => {
  it("drops every table, row and the pg-boss schema, then migrates again", async () => {
    const { url } = await tempDatabase("reset");
    await deployMigrations(url);
    await query(
      url,
      `INSERT INTO "User" (id, name, email, "updatedAt") VALUES ('u1', 'Reset Me', 'reset@example.test', now());
       CREATE SCHEMA pgboss; CREATE TABLE pgboss.job (id int); CREATE TABLE "Stray" (id int);`,
    );

    const { applied } = await resetDatabase(url);

    expect(applied).toEqual((await readMigrations()).map((m) => m.name));
    expect(await query(url, `SELECT id FROM "User"`)).toEqual([]);
    expect(await query(url, "SELECT 1 FROM information_schema.schemata WHERE schema_name = 'pgboss'")).toEqual([]);
    const tables = await tablesIn(url);
    expect(tables).not.toContain("Stray");
    expect(tables).toEqual(expect.arrayContaining(modelTables(await readFile(defaultSchemaPath, "utf8"))));
    expect(await query(url, `SELECT migration_name FROM "_prisma_migrations"`)).toHaveLength(applied.length);
  });
});

describe("on PGlite served over pglite-socket (the embedded database)", () => {
  const stops: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const stop of stops) await stop();
  });

  it("deploys, is idempotent, and Prisma's engine sees the history in sync", async () => {
    const db = await PGlite.create();
    const server = new PGLiteSocketServer({ db, host: "127.0.0.1", port: 0, maxConnections: 4 });
    await server.start();
    stops.push(async () => {
      await server.stop();
      await db.close();
    });
    const url = `postgresql://postgres@${server.getServerConn()}/postgres?sslmode=disable`;

    const first = await deployMigrations(url);
    const second = await deployMigrations(url);

    expect(first.applied).toEqual((await readMigrations()).map((m) => m.name));
    expect(second.applied).toEqual([]);
    expect(await tablesIn(url)).toEqual(expect.arrayContaining(modelTables(await readFile(defaultSchemaPath, "utf8"))));
    const { engine, close } = await startSchemaEngine({ shadow: pgliteShadowProvider(), mainUrl: url });
    try {
      const diagnosis = await engine.diagnoseMigrationHistory({
        migrationsList: await migrationList(defaultMigrationsDir),
        optInToShadowDatabase: false,
        filters: { externalTables: [], externalEnums: [] },
      });
      expect(diagnosis.history).toBeNull();
      expect(diagnosis.editedMigrationNames).toEqual([]);
    } finally {
      await close();
    }
  });
});
