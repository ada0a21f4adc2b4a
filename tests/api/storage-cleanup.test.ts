import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as storageRoute from "@/app/api/organization/storage/route";
import { db } from "@/server/db/client";
import { renderBookFormats } from "@/server/formats/render-book-formats";
import { createBookFixture } from "../support/formats/format-fixtures";
import { organizationStorage } from "@/server/storage-settings/organization-storage";
import {
  REMOVE_STORED_FILES_QUEUE,
  type RemoveStoredFilesJob,
  removeStoredFiles,
} from "@/server/storage-settings/remove-stored-files";
import type { StorageProvider } from "@/storage/storage-provider";
import { type LocalS3Server, startS3Server } from "../fakes/s3-server";
import { callRoute, signUpAndSignIn, type TestUser } from "../helpers/session-client";
import { routes } from "./routes";

// Files must not outlive what owned them: a deleted organization's files, and the files left in the old
// place when an organization moves its storage, are removed by a queued job (with the keys and the old
// location, its credentials still encrypted, in the job).

/** The removal jobs queued for an organization (read from pg-boss's table: nothing consumes them here). */
async function queuedRemovals(organizationId: string): Promise<RemoveStoredFilesJob[]> {
  const rows = await db().$queryRaw<{ data: RemoveStoredFilesJob }[]>`
    SELECT data FROM pgboss.job WHERE name = ${REMOVE_STORED_FILES_QUEUE} AND data->>'organizationId' = ${organizationId}
    ORDER BY created_on`;
  return rows.map((row) => row.data);
}

async function renderedKeys(bookId: string): Promise<string[]> {
  const formats = await db().bookFormat.findMany({ where: { bookId }, select: { filePath: true } });
  return formats.map((f) => f.filePath);
}

const existing = async (provider: StorageProvider, keys: string[]) =>
  (await Promise.all(keys.map(async (key) => ((await provider.exists(key)) ? key : null)))).filter(Boolean);

describe("removing stored files nobody owns any more", () => {
  let s3: LocalS3Server;
  const bucket = "cleanup-books";

  beforeAll(async () => {
    s3 = await startS3Server([bucket]);
  });
  afterAll(async () => s3?.close());

  async function organizationWithBook(name: string) {
    const owner = await signUpAndSignIn(name);
    const created = await callRoute(routes.organizations.POST, { user: owner, body: { name: `${name} Press` } });
    const organization = (created.json as { organization: { id: string; slug: string } }).organization;
    await db().organization.update({ where: { id: organization.id }, data: { plan: "PRO" } });
    return { owner, organization };
  }

  async function renderBook(organizationId: string, owner: TestUser) {
    const book = await createBookFixture(db(), organizationId, { createdById: owner.id });
    const result = await renderBookFormats({ db: db() }, { bookId: book.id, organizationId });
    expect(result.failed).toEqual([]);
    return { book, keys: await renderedKeys(book.id) };
  }

  // Renders two books to all five formats (PDF through typst): well over the default 30 s on a busy machine.
  it("removes every file of a deleted organization, and only its files", { timeout: 120_000 }, async () => {
    const { owner, organization } = await organizationWithBook("cleanup-doomed");
    const { keys } = await renderBook(organization.id, owner);
    const neighbour = await organizationWithBook("cleanup-neighbour");
    const kept = await renderBook(neighbour.organization.id, neighbour.owner);
    const { provider } = await organizationStorage(db(), organization.id);
    expect(await existing(provider, keys)).toHaveLength(5);

    const deleted = await callRoute(routes.organization.DELETE, {
      user: owner,
      method: "DELETE",
      body: { confirmSlug: organization.slug },
    });
    expect(deleted.status).toBe(204);
    const [job, ...more] = await queuedRemovals(organization.id);
    expect(more).toEqual([]);
    expect(job).toMatchObject({ reason: "organization_deleted", storage: null });
    expect([...job!.keys].sort()).toEqual([...keys].sort());

    expect(await removeStoredFiles({ db: db() }, job!)).toEqual({ removed: 5, skipped: false });
    expect(await existing(provider, keys)).toEqual([]);
    expect(await existing(provider, kept.keys)).toHaveLength(5);
    // A retry after success is harmless: deleting a missing file is a no-op.
    expect(await removeStoredFiles({ db: db() }, job!)).toEqual({ removed: 5, skipped: false });
  });

  it("removes the files left in the old place after a move, with the old credentials kept encrypted", async () => {
    const { owner, organization } = await organizationWithBook("cleanup-mover");
    const saved = await callRoute(storageRoute.PUT, {
      user: owner,
      method: "PUT",
      body: { provider: "AWS_S3", bucket, region: "us-east-1", endpoint: s3.endpoint, credentials: s3.credentials },
    });
    expect(saved.status).toBe(200);
    const { keys } = await renderBook(organization.id, owner);
    const s3Storage = await organizationStorage(db(), organization.id);
    expect(await existing(s3Storage.provider, keys)).toHaveLength(5);

    // Back to the platform default: the S3 files are no longer used.
    const reset = await callRoute(storageRoute.DELETE, { user: owner, method: "DELETE" });
    expect(reset.status).toBe(200);
    const [job] = await queuedRemovals(organization.id);
    expect(job).toMatchObject({ reason: "storage_moved", storage: { provider: "AWS_S3", bucket } });
    expect(JSON.stringify(job)).not.toContain(s3.credentials.secretAccessKey);
    expect([...job!.keys].sort()).toEqual([...keys].sort());

    expect(await removeStoredFiles({ db: db() }, job!)).toEqual({ removed: 5, skipped: false });
    expect(await existing(s3Storage.provider, keys)).toEqual([]);
  });

  it("keeps the files when the organization moved back before the removal ran", async () => {
    const { owner, organization } = await organizationWithBook("cleanup-returner");
    const { keys } = await renderBook(organization.id, owner);
    const s3Settings = {
      provider: "AWS_S3",
      bucket,
      region: "us-east-1",
      endpoint: s3.endpoint,
      credentials: s3.credentials,
    };
    expect((await callRoute(storageRoute.PUT, { user: owner, method: "PUT", body: s3Settings })).status).toBe(200);
    expect((await callRoute(storageRoute.DELETE, { user: owner, method: "DELETE" })).status).toBe(200);
    const [leftPlatform] = await queuedRemovals(organization.id);
    expect(leftPlatform).toMatchObject({ reason: "storage_moved", storage: null });

    // Back on the platform default, where the files still are: the first removal must not touch them.
    const local = await organizationStorage(db(), organization.id);
    expect(await removeStoredFiles({ db: db() }, leftPlatform!)).toEqual({ removed: 0, skipped: true });
    expect(await existing(local.provider, keys)).toHaveLength(5);
  });
});
