"use client";

import { BookOpen } from "lucide-react";
import Link from "next/link";
import { useState } from "react";
import type { SharedBook } from "@/contracts/collaborators";
import { useT } from "@/i18n/i18n-provider";
import { apiFetch } from "@/lib/api-fetch";
import { bookPath } from "@/lib/book-paths";
import { useApiQuery } from "@/lib/use-api-query";
import { useApiErrors } from "@/components/forms/use-api-errors";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Spinner } from "@/components/ui/spinner";

/** "Shared with me": the books shared with the signed-in person, and invitations to accept or decline. */
export function SharedShelf() {
  const t = useT();
  const shelf = useApiQuery("/api/shared-books", "sharedBooksResponse");
  const [busy, setBusy] = useState<string | null>(null);
  const { formError, showError, clearErrors } = useApiErrors([]);

  async function answer(invitation: SharedBook, choice: "accept" | "decline") {
    clearErrors();
    setBusy(`${choice}-${invitation.collaboratorId}`);
    const path = `/api/book-invitations/${encodeURIComponent(invitation.collaboratorId)}/${choice}`;
    const result =
      choice === "accept"
        ? await apiFetch(path, { method: "POST", schema: "acceptedBookInvitationResponse" })
        : await apiFetch(path, { method: "POST", schema: null });
    setBusy(null);
    if (!result.ok) return showError(result.error);
    await shelf.reload();
  }

  if (!shelf.data) {
    return (
      <div className="flex justify-center py-10 text-stone-500" role="status">
        <Spinner />
        <span className="sr-only">{t("common.loading")}</span>
      </div>
    );
  }
  const { books, invitations } = shelf.data;
  return (
    <div className="space-y-8">
      <Alert tone="error">{formError}</Alert>
      {invitations.length > 0 ? (
        <section aria-labelledby="shared-invitations" className="space-y-3">
          <h2 id="shared-invitations" className="text-lg font-semibold text-stone-900">
            {t("sharing.invitationsTitle")}
          </h2>
          <ul className="space-y-3">
            {invitations.map((invitation) => (
              <li
                key={invitation.collaboratorId}
                className="flex flex-wrap items-center gap-3 rounded-xl border border-stone-200 bg-white p-4"
              >
                <div className="min-w-0 flex-1">
                  <p className="font-medium text-stone-900">{invitation.title}</p>
                  <p className="text-sm text-stone-600">
                    {t("sharing.from", { organization: invitation.organizationName })} ·{" "}
                    {t(`sharing.roles.${invitation.role}`)}
                  </p>
                </div>
                <Button
                  variant="secondary"
                  size="sm"
                  disabled={busy !== null}
                  loading={busy === `decline-${invitation.collaboratorId}`}
                  onClick={() => void answer(invitation, "decline")}
                >
                  {t("sharing.decline")}
                </Button>
                <Button
                  size="sm"
                  disabled={busy !== null}
                  loading={busy === `accept-${invitation.collaboratorId}`}
                  onClick={() => void answer(invitation, "accept")}
                >
                  {t("sharing.accept")}
                </Button>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {books.length === 0 ? (
        <EmptyState icon={BookOpen} title={t("sharing.shelfEmpty")} description={t("sharing.shelfDescription")} />
      ) : (
        <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3" data-testid="shared-books">
          {books.map((book) => (
            <li key={book.collaboratorId} className="rounded-xl border border-stone-200 bg-white p-4 shadow-sm">
              <Link
                href={bookPath("shared", book.bookId)}
                className="font-serif text-lg font-semibold text-ink-800 hover:underline focus-visible:outline-2 focus-visible:outline-ink-600"
              >
                {book.title}
              </Link>
              <p className="mt-1 text-sm text-stone-600">
                {t("sharing.from", { organization: book.organizationName })}
              </p>
              <p className="text-sm text-stone-600">{t(`sharing.roles.${book.role}`)}</p>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
