"use client";

import { Trash2 } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useOptionalMessage, useT } from "@/i18n/i18n-provider";
import { apiFetch } from "@/lib/api-fetch";
import { booksHomePath } from "@/lib/book-paths";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import type { Book } from "@/contracts/books";
import { ConfirmDialog } from "./confirm-dialog";
import { useBookArea } from "./use-book-area";

/** The danger zone of a book (owners and admins only): delete it after confirming, then back to the shelf. */
export function DeleteBook({ book }: { book: Book }) {
  const t = useT();
  const lookup = useOptionalMessage();
  const router = useRouter();
  const home = booksHomePath(useBookArea());
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function remove() {
    setBusy(true);
    setError(null);
    const result = await apiFetch(`/api/books/${book.id}`, { method: "DELETE", schema: null });
    if (result.ok) {
      router.replace(home);
      router.refresh();
      return;
    }
    setBusy(false);
    setOpen(false);
    setError(lookup(`errors.${result.error.code}`) ?? t("errors.generic"));
  }

  return (
    <section aria-labelledby="danger-heading" className="rounded-xl border border-red-200 bg-white p-4 shadow-sm">
      <h2 id="danger-heading" className="text-sm font-semibold text-red-800">
        {t("books.danger.title")}
      </h2>
      <p className="mt-0.5 text-xs text-stone-600">{t("books.danger.description")}</p>
      <Button
        variant="danger"
        size="sm"
        className="mt-3 w-full"
        onClick={() => setOpen(true)}
        data-testid="delete-book"
      >
        <Trash2 className="size-4" aria-hidden="true" />
        {t("books.danger.delete")}
      </Button>
      <Alert tone="error">{error}</Alert>
      <ConfirmDialog
        open={open}
        title={t("books.danger.confirmTitle", { title: book.title })}
        description={t("books.danger.confirmDescription")}
        confirmLabel={t("books.danger.confirm")}
        cancelLabel={t("common.cancel")}
        onConfirm={() => void remove()}
        onClose={() => setOpen(false)}
        busy={busy}
      />
    </section>
  );
}
