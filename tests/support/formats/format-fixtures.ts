// Test fixtures for the formats feature: organizations, members and books created straight in the
// database (tests must not depend on the generation pipeline), plus a snapshot of what the feature owns.
import { createHash, randomUUID } from "node:crypto";
import type { Db } from "@/server/db/client";
import type { BookLanguage } from "@/exporters/parse-book";
import { SAMPLE_IMAGE_URL, sampleMarkdown, SAMPLE_TITLES } from "../exporters/sample-book";
import type { OrgRole } from "@/generated/prisma/enums";

/** Creates an organization with an owner user (no session: for use-case tests that build their own Ctx). */
export async function createOrgFixture(db: Db, label: string) {
  const suffix = randomUUID().slice(0, 8);
  const user = await db.user.create({
    data: { name: `Author ${label}`, email: `${label}-${suffix}@example.test`, emailVerified: true },
  });
  const organization = await db.organization.create({
    data: { name: `Org ${label}`, slug: `${label}-${suffix}`, members: { create: { userId: user.id, role: "OWNER" } } },
  });
  return { user, organization };
}

/** Inserts a COMPLETED book with the sample Markdown (every feature), its image referenced by a storage key. */
export async function createBookFixture(
  db: Db,
  organizationId: string,
  options: { language?: BookLanguage; createdById?: string; imageKey?: string; title?: string; content?: string } = {},
) {
  const language = options.language ?? "en";
  let content = options.content ?? sampleMarkdown(language, 2);
  if (options.imageKey) content = content.replaceAll(SAMPLE_IMAGE_URL, options.imageKey);
  return db.book.create({
    data: {
      organizationId,
      createdById: options.createdById,
      title: options.title ?? SAMPLE_TITLES[language],
      topic: "A lighthouse keeper",
      goal: "Test the formats",
      language,
      status: "COMPLETED",
      content,
      isDemoContent: true,
    },
  });
}

/** The actor of a use-case test: a session member of the organization with the given role. */
export function actorFor(organizationId: string, userId: string, orgRole: OrgRole = "OWNER") {
  return { userId, organizationId, orgRole, userRole: "USER" as const, via: "session" as const, scopes: [] };
}

/** A fingerprint of the organization's storage settings, books, formats, downloads and usage metrics. */
export async function formatsSnapshot(db: Db, organizationId: string): Promise<string> {
  const where = { organizationId };
  const [storage, books, formats, downloads, usage] = await Promise.all([
    db.storageConfig.findUnique({ where }),
    db.book.findMany({ where, orderBy: { id: "asc" } }),
    db.bookFormat.findMany({ where, orderBy: { id: "asc" } }),
    db.bookDownload.findMany({ where, orderBy: { id: "asc" } }),
    db.usageMetric.findMany({ where, orderBy: { id: "asc" } }),
  ]);
  const json = JSON.stringify({ storage, books, formats, downloads, usage }, (_k, v) =>
    typeof v === "bigint" ? v.toString() : v,
  );
  return createHash("sha256").update(json).digest("hex");
}
