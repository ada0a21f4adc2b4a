import "server-only";
import type { FormatType } from "@/generated/prisma/enums";
import { exporterFor } from "@/exporters/registry";

/** Every format a book is rendered to, in the order the formats panel lists them. */
export const BOOK_FORMATS: readonly FormatType[] = ["PDF", "EPUB", "DOCX", "HTML", "MARKDOWN"];

/** A file-name slug of the title: ASCII, lower case, dashes, at most 80 characters ("book" when empty). */
export function fileSlug(title: string): string {
  const slug = title
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 80)
    .replace(/-+$/, "");
  return slug || "book";
}

/**
 * Storage key of a rendered format: `<orgId>/books/<bookId>/<slug>.<ext>`. The organization id comes first
 * so one bucket can hold every tenant and the file route can tell whose file a key is.
 */
export function formatFileKey(organizationId: string, bookId: string, title: string, format: FormatType): string {
  return `${organizationId}/books/${bookId}/${fileSlug(title)}.${exporterFor(format).fileExtension}`;
}

/** The organization a storage key belongs to (its first segment). */
export function organizationOfKey(key: string): string {
  return key.split("/")[0] ?? "";
}

/** The name offered to the browser for a stored file (the key's last segment). */
export function downloadNameOf(key: string): string {
  return key.split("/").at(-1) ?? key;
}
