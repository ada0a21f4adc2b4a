"use client";

import { useEffect, useState } from "react";
import { useT } from "@/i18n/i18n-provider";
import { apiFetch } from "@/lib/api-fetch";
import { TextAreaField } from "@/components/ui/text-area-field";
import { TextField } from "@/components/ui/text-field";
import type { Revision } from "@/contracts/books";
import { ConfirmDialog } from "./confirm-dialog";

/**
 * Names a version ("Sent to the publisher") with an optional note (PATCH /revisions/:id); an empty name
 * takes the name off. The history announces the outcome.
 */
export function NameRevisionDialog({
  bookId,
  revision,
  onClose,
  onDone,
}: {
  bookId: string;
  /** The version to name; the dialog is open while it is set. */
  revision: Revision | null;
  onClose: () => void;
  onDone: (outcome: { tone: "success" | "error"; text: string; changed: boolean }) => Promise<void>;
}) {
  const t = useT();
  const [name, setName] = useState("");
  const [note, setNote] = useState("");
  const [busy, setBusy] = useState(false);
  const [fieldError, setFieldError] = useState<{ field: string; text: string } | null>(null);
  const version = revision?.version ?? "";

  useEffect(() => {
    setName(revision?.name ?? "");
    setNote(revision?.note ?? "");
    setFieldError(null);
  }, [revision]);

  async function save() {
    if (!revision || busy) return;
    setBusy(true);
    const result = await apiFetch(`/api/books/${bookId}/revisions/${revision.id}`, {
      method: "PATCH",
      body: { name, note },
      schema: "revisionTextSchema",
    });
    setBusy(false);
    if (!result.ok) {
      if (result.error.field === "name" || result.error.field === "note") {
        setFieldError({ field: result.error.field, text: result.error.message });
        return;
      }
      await onDone({ tone: "error", text: t("books.history.nameFailed"), changed: false });
      return;
    }
    const saved = result.data.revision.name;
    await onDone({
      tone: "success",
      changed: true,
      text: saved
        ? t("books.history.nameSaved", { version, name: saved })
        : t("books.history.nameRemoved", { version }),
    });
  }

  return (
    <ConfirmDialog
      open={revision !== null}
      title={t("books.history.nameTitle", { version })}
      description={t("books.history.nameDescription")}
      confirmLabel={t("books.history.nameSave")}
      cancelLabel={t("common.cancel")}
      onConfirm={() => void save()}
      onClose={onClose}
      busy={busy}
      tone="primary"
    >
      <div className="space-y-3">
        <TextField
          label={t("books.history.nameField")}
          name="revision-name"
          value={name}
          maxLength={120}
          onChange={(event) => setName(event.target.value)}
          error={fieldError?.field === "name" ? fieldError.text : null}
        />
        <TextAreaField
          label={t("books.history.noteField")}
          name="revision-note"
          value={note}
          maxLength={2000}
          onChange={(event) => setNote(event.target.value)}
          error={fieldError?.field === "note" ? fieldError.text : null}
        />
      </div>
    </ConfirmDialog>
  );
}
