"use client";

import type { Book, BookStatus } from "@/contracts/books";
import { useT } from "@/i18n/i18n-provider";
import { PageHeader } from "@/components/app-shell/page-header";
import { Badge } from "@/components/ui/badge";
import { BookStatusBadge } from "./book-status-badge";

/** A book page's header: its title and topic, its status, and a badge when its text is placeholder (demo). */
export function BookHeader({ book, status, demo }: { book: Book; status: BookStatus; demo: boolean }) {
  const t = useT();
  return (
    <PageHeader
      title={book.title}
      description={book.topic}
      actions={
        <div className="flex flex-wrap items-center gap-2">
          <BookStatusBadge status={status} />
          {demo ? <Badge tone="amber">{t("books.demoBadge")}</Badge> : null}
        </div>
      }
    />
  );
}
