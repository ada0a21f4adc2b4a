"use client";

import { useState } from "react";
import { useOptionalMessage, useT } from "@/i18n/i18n-provider";
import type { Translate } from "@/i18n/translate";
import { type ApiError, apiFetch } from "@/lib/api-fetch";
import type { Revision } from "@/contracts/books";
import { ConfirmDialog } from "./confirm-dialog";

/** How a restore ended, for the history to announce; `reload` offers to reload the book and its history. */
export type RestoreOutcome = { tone: "success" | "info" | "error"; text: string; reload?: boolean; changed: boolean };

/** The reader's explanation of a refused restore. */
function refusal(error: ApiError, version: string, t: Translate, lookup: (key: string) => string | undefined) {
  switch (error.code) {
    case "EDIT_CONFLICT":
      return { text: t("books.history.conflict"), reload: true };
    case "CONFLICT":
      return { text: t("books.history.cannotRestore", { version }), reload: false };
    case "NOT_FOUND":
      return { text: t("books.history.notFound"), reload: true };
    case "BOOK_BUSY":
      return { text: t("books.history.busy"), reload: false };
    default:
      return { text: lookup(`errors.${error.code}`) ?? t("errors.generic"), reload: false };
  }
}

/**
 * Asks before restoring a revision, then restores it (POST /revisions/:id/restore with the book's
 * updatedAt, so a book changed meanwhile is refused with 409 EDIT_CONFLICT instead of being overwritten).
 */
export function RestoreRevisionDialog({
  bookId,
  bookUpdatedAt,
  revision,
  onClose,
  onDone,
}: {
  bookId: string;
  bookUpdatedAt: string;
  /** The revision to restore; the dialog is open while it is set. */
  revision: Revision | null;
  onClose: () => void;
  onDone: (outcome: RestoreOutcome) => Promise<void>;
}) {
  const t = useT();
  const lookup = useOptionalMessage();
  const [busy, setBusy] = useState(false);
  const version = revision?.version ?? "";

  async function restore() {
    if (!revision || busy) return;
    setBusy(true);
    const result = await apiFetch(`/api/books/${bookId}/revisions/${revision.id}/restore`, {
      method: "POST",
      body: { expectedUpdatedAt: bookUpdatedAt },
      schema: "restoreResultSchema",
    });
    let outcome: RestoreOutcome;
    if (!result.ok) outcome = { tone: "error", changed: false, ...refusal(result.error, version, t, lookup) };
    else if (!result.data.revision) {
      outcome = { tone: "info", changed: false, text: t("books.history.alreadyCurrent", { version }) };
    } else {
      outcome = {
        tone: "success",
        changed: true,
        text: t("books.history.restored", { version, current: result.data.revision.version }),
      };
    }
    await onDone(outcome);
    setBusy(false);
  }

  return (
    <ConfirmDialog
      open={revision !== null}
      title={t("books.history.restoreTitle", { version })}
      description={t("books.history.restoreDescription", { version })}
      confirmLabel={t("books.history.restoreConfirm")}
      cancelLabel={t("common.cancel")}
      onConfirm={() => void restore()}
      onClose={onClose}
      busy={busy}
      tone="primary"
    />
  );
}
