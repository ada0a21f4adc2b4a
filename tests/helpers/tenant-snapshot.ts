import { createHash } from "node:crypto";
import { db } from "@/server/db/client";

/**
 * A fingerprint of everything an organization owns (and of the attacker's sessions), so attack tests
 * can assert that a refused request changed nothing.
 */
export async function tenantSnapshot(organizationId: string, extraUserIds: string[] = []): Promise<string> {
  const d = db();
  const where = { organizationId };
  const [organization, members, invitations, activity, sessions, users] = await Promise.all([
    d.organization.findUnique({ where: { id: organizationId } }),
    d.organizationMember.findMany({ where, orderBy: { id: "asc" } }),
    d.invitation.findMany({ where, orderBy: { id: "asc" } }),
    d.activityLog.findMany({ where, orderBy: { id: "asc" } }),
    d.session.findMany({
      where: { userId: { in: extraUserIds } },
      orderBy: { id: "asc" },
      select: { id: true, activeOrganizationId: true },
    }),
    d.user.findMany({ where: { id: { in: extraUserIds } }, orderBy: { id: "asc" }, select: { id: true, role: true } }),
  ]);
  const json = JSON.stringify({ organization, members, invitations, activity, sessions, users });
  return createHash("sha256").update(json).digest("hex");
}

/**
 * A fingerprint of an organization's books with their chapters, revisions and jobs, any `extra` rows the
 * suite's routes could also write, and the tenant snapshot: equal before and after a refused request.
 */
export async function booksSnapshot(
  organizationId: string,
  userIds: string[] = [],
  extra: PromiseLike<unknown>[] = [],
): Promise<string> {
  const d = db();
  const books = await d.book.findMany({ where: { organizationId }, orderBy: { id: "asc" } });
  const bookIds = books.map((b) => b.id);
  const rows = await Promise.all([
    d.chapter.findMany({ where: { bookId: { in: bookIds } }, orderBy: { id: "asc" } }),
    d.bookRevision.findMany({ where: { bookId: { in: bookIds } }, orderBy: { id: "asc" } }),
    d.bookJob.findMany({ where: { organizationId }, orderBy: { id: "asc" } }),
    ...extra,
    tenantSnapshot(organizationId, userIds),
  ]);
  const json = JSON.stringify({ books, rows }, (_key, value) => (typeof value === "bigint" ? value.toString() : value));
  return createHash("sha256").update(json).digest("hex");
}
