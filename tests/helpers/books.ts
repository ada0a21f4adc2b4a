import { randomBytes } from "node:crypto";
import type { OrgRole } from "@/generated/prisma/enums";
import type { Ctx } from "@/server/context";
import type { CreateBookInput } from "@/contracts/book-inputs";
import { createBook } from "@/server/books/create-book";
import type { StoredEngineSettings } from "@/server/books/engine-config";
import { encryptEngineSecrets, type EngineSecrets } from "@/server/books/engine-config";
import { db } from "@/server/db/client";
import type { GenerationDeps } from "@/server/generation/generation-run";
import { sessionCtx } from "./session-ctx";

/** Every queue send a test observed (the pipeline's sends go here instead of pg-boss). */
export interface RecordedSend {
  name: string;
  data: object;
  options?: object;
}

/** An enqueue stand-in that records sends; tests assert on what the pipeline queued. */
export function recordingEnqueue() {
  const sends: RecordedSend[] = [];
  const enqueue = async (name: string, data: object, options?: object) => {
    sends.push({ name, data, options });
    return `fake-${sends.length}`;
  };
  return { sends, enqueue };
}

/** A user and an organization where they have `role` (rows created directly: these tests are not about auth). */
export async function createOrgWithMember(
  label: string,
  role: OrgRole = "OWNER",
  engine?: { settings?: StoredEngineSettings; secrets?: EngineSecrets },
) {
  const suffix = `${Date.now().toString(36)}-${randomBytes(3).toString("hex")}`;
  const user = await db().user.create({
    data: { name: `User ${label}`, email: `${label}-${suffix}@example.test`, emailVerified: true },
  });
  // Real engines need a plan that includes them (billing/plans.ts): an org configured with one is on PRO.
  const org = await db().organization.create({
    data: {
      name: `Org ${label}`,
      slug: `${label}-${suffix}`.toLowerCase().slice(0, 48),
      plan: engine ? "PRO" : "FREE",
    },
  });
  if (engine) {
    await db().organization.update({
      where: { id: org.id },
      data: {
        engineSettings: (engine.settings ?? {}) as object,
        engineSecretEncrypted: encryptEngineSecrets(org.id, engine.secrets ?? {}),
      },
    });
  }
  await db().organizationMember.create({ data: { organizationId: org.id, userId: user.id, role } });
  const ctx = sessionCtx(
    db(),
    { userId: user.id, organizationId: org.id, role },
    { ipAddress: "127.0.0.1", userAgent: "vitest" },
  );
  return { user, org, ctx };
}

/** A small book brief for fast pipeline tests. */
export function smallBook(overrides: Partial<CreateBookInput> = {}): CreateBookInput {
  return {
    title: "The Quiet Workshop",
    topic: "woodworking for beginners",
    goal: "build a first stool with confidence",
    language: "en",
    targetChapters: 3,
    targetWords: 600,
    ...overrides,
  };
}

/** Creates a book through the use case, with sends recorded instead of queued. */
export async function createTestBook(ctx: Ctx, overrides: Partial<CreateBookInput> = {}) {
  const { sends, enqueue } = recordingEnqueue();
  const created = await createBook(ctx, smallBook(overrides), { enqueue });
  return { ...created, sends };
}

/** Pipeline dependencies for in-process runs: quiet log, fast heartbeat and progress writes. */
export function testDeps(overrides: Partial<GenerationDeps> = {}) {
  const { sends, enqueue } = recordingEnqueue();
  const logs: string[] = [];
  const deps: GenerationDeps = {
    db: db(),
    log: (line) => logs.push(line),
    concurrency: 3,
    leaseSeconds: 30,
    heartbeatMs: 100,
    progressThrottleMs: 50,
    enqueue,
    ...overrides,
  };
  return { deps, sends, logs };
}

/**
 * A COMPLETED book of two short chapters ("One", "Two") and its finished job, written straight to the
 * database: for tests about what routes accept, not about generation.
 */
export async function seedCompletedBook(
  organizationId: string,
  createdById: string,
  fields: { title: string; topic: string; goal: string },
): Promise<{ bookId: string; chapterIds: string[] }> {
  const book = await db().book.create({
    data: {
      organizationId,
      createdById,
      ...fields,
      status: "COMPLETED",
      content: "# One\n\nText.\n\n# Two\n\nText.",
    },
  });
  const chapterIds: string[] = [];
  for (const [index, title] of ["One", "Two"].entries()) {
    const chapter = await db().chapter.create({
      data: { bookId: book.id, order: index + 1, title, content: "Text.", status: "DONE" },
    });
    chapterIds.push(chapter.id);
  }
  await db().bookJob.create({ data: { bookId: book.id, organizationId, status: "COMPLETED" } });
  return { bookId: book.id, chapterIds };
}
