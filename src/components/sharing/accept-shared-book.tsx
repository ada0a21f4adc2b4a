"use client";

import { useState } from "react";
import { useT } from "@/i18n/i18n-provider";
import { apiFetch } from "@/lib/api-fetch";
import { bookPath } from "@/lib/book-paths";
import { useApiErrors } from "@/components/forms/use-api-errors";
import { Alert } from "@/components/ui/alert";
import { Button, ButtonLink } from "@/components/ui/button";

/** Accepts the invitation of an emailed link and opens the book. */
export function AcceptSharedBook({ token }: { token: string }) {
  const t = useT();
  const [busy, setBusy] = useState(false);
  const { formError, showError, clearErrors } = useApiErrors([]);

  async function accept() {
    clearErrors();
    setBusy(true);
    const result = await apiFetch("/api/book-invitations/accept", {
      method: "POST",
      body: { token },
      schema: "acceptedBookInvitationResponse",
    });
    if (!result.ok) {
      setBusy(false);
      return showError(result.error);
    }
    window.location.assign(bookPath("shared", result.data.bookId));
  }

  return (
    <div className="flex flex-col gap-3">
      <Alert tone="error">{formError}</Alert>
      <Button onClick={() => void accept()} loading={busy} data-testid="accept-shared-book">
        {t("sharing.linkAccept")}
      </Button>
      <ButtonLink href="/shared" variant="secondary">
        {t("sharing.backToShelf")}
      </ButtonLink>
    </div>
  );
}
