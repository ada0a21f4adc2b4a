import "server-only";
import type { DbTx } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { bookAudience } from "./book-audience";

const EMAIL_MENTION = /@([^\s@<>()[\]{}"',;:]+@[^\s@<>()[\]{}"',;:]+\.[A-Za-z]{2,})/g;

/**
 * The people a comment or reply @mentions: the ids the author picked from the mentionable list, plus any
 * `@email` typed in the body that belongs to someone who can see the book. A picked id of someone who cannot
 * see the book is refused (400 on `mentionIds`): a mention never reaches a stranger.
 */
export async function resolveMentions(
  db: DbTx,
  book: { id: string; organizationId: string },
  body: string,
  mentionIds: readonly string[],
): Promise<string[]> {
  if (mentionIds.length === 0 && !body.includes("@")) return [];
  const audience = await bookAudience(db, book);
  const byId = new Set(audience.map((p) => p.id));
  const stranger = mentionIds.find((id) => !byId.has(id));
  if (stranger !== undefined) {
    throw new AppError("VALIDATION_FAILED", "mentionIds: Only people who can see this book can be mentioned", {
      field: "mentionIds",
    });
  }
  const byEmail = new Map(audience.map((p) => [p.email.toLowerCase(), p.id]));
  const typed = [...body.matchAll(EMAIL_MENTION)]
    .map((m) => byEmail.get(m[1]!.toLowerCase()))
    .filter((id): id is string => id !== undefined);
  return [...new Set([...mentionIds, ...typed])];
}
