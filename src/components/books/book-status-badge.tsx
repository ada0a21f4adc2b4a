"use client";

import { useT } from "@/i18n/i18n-provider";
import { Badge } from "@/components/ui/badge";
import type { BookStatus, JobStatus } from "@/contracts/books";

const bookTones = {
  DRAFT: "neutral",
  GENERATING: "ink",
  COMPLETED: "green",
  FAILED: "red",
  ARCHIVED: "neutral",
} as const satisfies Record<BookStatus, Parameters<typeof Badge>[0]["tone"]>;

/** The book's status as a coloured badge ("Writing", "Ready", "Failed"…). */
export function BookStatusBadge({ status }: { status: BookStatus }) {
  const t = useT();
  return (
    <span data-book-status={status}>
      <Badge tone={bookTones[status]}>{t(`books.status.${status}`)}</Badge>
    </span>
  );
}

/** A job state in words ("Writing chapters"), for the progress page and the dashboard. */
export function useJobStateLabel(): (status: JobStatus, errorCode?: string | null) => string {
  const t = useT();
  return (status, errorCode) =>
    status === "FAILED" && errorCode === "CANCELLED" ? t("books.jobState.CANCELLED") : t(`books.jobState.${status}`);
}
