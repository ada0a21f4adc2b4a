import "server-only";
import { type NameRevisionInput, nameRevisionInput } from "@/contracts/book-inputs";
import type { RevisionText } from "@/contracts/books";
import { recordActorActivity } from "@/server/activity/record-activity";
import { assertCan } from "@/server/auth/permissions";
import type { Ctx } from "@/server/context";
import { notFound } from "@/server/errors";
import { findBook } from "./find-book";
import { revisionPeople, revisionView } from "./list-revisions";

/**
 * Names a version of a book of the organization ("Sent to the publisher"), with an optional note (writers).
 * A blank name takes the name and the note off. The change and its `book.revision_named` activity row
 * commit together; the revision's text and changes are never touched (history is not rewritten).
 */
export async function nameRevision(
  ctx: Ctx,
  target: { bookId: string; revisionId: string },
  input: NameRevisionInput,
): Promise<{ revision: RevisionText["revision"] }> {
  assertCan(ctx.actor, "revision:update");
  const data = nameRevisionInput.parse(input);
  return ctx.db.$transaction(async (tx) => {
    const book = await findBook(tx, ctx.actor, target.bookId);
    const before = await tx.bookRevision.findFirst({ where: { id: target.revisionId, bookId: book.id } });
    if (!before) throw notFound("Revision");
    const named = data.name !== "";
    const row = await tx.bookRevision.update({
      where: { id: before.id },
      data: named
        ? { name: data.name, note: data.note, namedById: ctx.actor.userId, namedAt: new Date() }
        : { name: null, note: null, namedById: null, namedAt: null },
      include: revisionPeople,
    });
    await recordActorActivity(tx, ctx, {
      action: "book.revision_named",
      resource: "book",
      resourceId: book.id,
      metadata: { revisionId: row.id, version: row.version, name: row.name, previousName: before.name },
    });
    const { author, namedBy, ...revision } = row;
    return { revision: { ...revisionView(revision, author, namedBy), content: revision.content } };
  });
}
