import "server-only";
import { z } from "zod";
import { FormatType } from "@/generated/prisma/enums";
import { assertCan } from "@/server/auth/permissions";
import type { Ctx } from "@/server/context";
import { env } from "@/server/env";
import { AppError } from "@/server/errors";
import { organizationStorage } from "@/server/storage-settings/organization-storage";
import { findOrgBook } from "./find-org-book";
import { downloadNameOf } from "./format-files";

/** A format in a URL: case-insensitive (`pdf`, `PDF`, `markdown`). */
export const formatParam = z.preprocess(
  (v) => (typeof v === "string" ? v.toUpperCase() : v),
  z.enum(Object.values(FormatType) as [FormatType, ...FormatType[]], { error: "validation.unknown.format" }),
);

/**
 * Authorizes a download (any role with `format:download`), records it (BookDownload with user, format, IP
 * and user agent) in the transaction that reads the file's row, and returns where to send the browser:
 * the CDN URL, a short-lived signed URL, or a signed /api/files/… path for LOCAL storage.
 */
export async function downloadBookFormat(
  ctx: Ctx,
  input: { bookId: string; format: FormatType },
): Promise<{ url: string; format: FormatType; fileName: string }> {
  assertCan(ctx.actor, "format:download");
  const format = formatParam.parse(input.format);
  return ctx.db.$transaction(async (tx) => {
    const book = await findOrgBook(tx, ctx.actor, input.bookId);
    const row = await tx.bookFormat.findUnique({ where: { bookId_format: { bookId: book.id, format } } });
    if (!row?.renderedAt || !row.checksum) {
      throw new AppError("NOT_FOUND", `The ${format} file of this book has not been rendered yet`);
    }
    const fileName = downloadNameOf(row.filePath);
    let url = row.cdnUrl;
    if (!url) {
      const storage = await organizationStorage(tx, book.organizationId);
      url = await storage.provider.url(row.filePath, {
        expiresIn: env().DOWNLOAD_URL_TTL_SECONDS,
        downloadName: fileName,
      });
    }
    await tx.bookDownload.create({
      data: {
        bookId: book.id,
        organizationId: book.organizationId,
        userId: ctx.actor.userId,
        format,
        ipAddress: ctx.meta.ipAddress,
        userAgent: ctx.meta.userAgent?.slice(0, 500) ?? null,
      },
    });
    return { url, format, fileName };
  });
}
