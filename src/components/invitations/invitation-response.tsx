"use client";

import { Building2 } from "lucide-react";
import { useState } from "react";
import { useOptionalMessage, useT } from "@/i18n/i18n-provider";
import { useApiQuery } from "@/lib/use-api-query";
import { useApiErrors } from "@/components/forms/use-api-errors";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { OutcomeNotice } from "@/components/ui/outcome-notice";
import { Spinner } from "@/components/ui/spinner";
import { answerInvitation } from "./answer-invitation";
import { InvitedBy } from "./invited-by";

/** Shows one invitation addressed to the signed-in user, with accept and decline. */
export function InvitationResponse({ invitationId, email }: { invitationId: string; email: string }) {
  const t = useT();
  const lookup = useOptionalMessage();
  const loaded = useApiQuery(`/api/invitations/${encodeURIComponent(invitationId)}`, "myInvitationResponse");
  const invitation = loaded.data?.invitation;
  const missing = loaded.error !== null;
  const [busy, setBusy] = useState<"accept" | "decline" | null>(null);
  const [declined, setDeclined] = useState(false);
  const { formError, showError, clearErrors } = useApiErrors([]);

  async function respond(answer: "accept" | "decline") {
    clearErrors();
    setBusy(answer);
    const result = await answerInvitation(invitationId, answer);
    if (!result.ok) {
      setBusy(null);
      return showError(result.error);
    }
    if (answer === "accept") return window.location.assign("/app");
    setBusy(null);
    setDeclined(true);
  }

  if (missing) {
    return (
      <OutcomeNotice tone="error" href="/onboarding" linkLabel={t("invitation.goOnboarding")} linkVariant="secondary">
        {t("invitation.notFound", { email })}
      </OutcomeNotice>
    );
  }
  if (!invitation) {
    return (
      <div className="flex justify-center py-6 text-stone-500" role="status">
        <Spinner />
        <span className="sr-only">{t("common.loading")}</span>
      </div>
    );
  }
  if (declined) {
    return (
      <OutcomeNotice tone="success" href="/onboarding" linkLabel={t("invitation.goOnboarding")} linkVariant="secondary">
        {t("invitation.declined")}
      </OutcomeNotice>
    );
  }

  const pending = invitation.status === "PENDING";
  return (
    <div className="space-y-5">
      <div className="flex items-center gap-3 rounded-xl bg-stone-50 p-4">
        <span className="flex size-10 items-center justify-center rounded-lg bg-ink-700 text-white">
          <Building2 className="size-5" aria-hidden="true" />
        </span>
        <InvitedBy invitation={invitation} nameClassName="font-semibold text-stone-900" />
      </div>
      <Alert tone="error">{formError}</Alert>
      {pending ? (
        <div className="flex gap-3">
          <Button
            variant="secondary"
            className="flex-1"
            loading={busy === "decline"}
            disabled={busy !== null}
            onClick={() => void respond("decline")}
          >
            {t("invitation.decline")}
          </Button>
          <Button
            className="flex-1"
            loading={busy === "accept"}
            disabled={busy !== null}
            onClick={() => void respond("accept")}
          >
            {t("invitation.accept")}
          </Button>
        </div>
      ) : (
        <Alert tone="info">
          {t("invitation.notPending", {
            status: lookup(`invitation.statuses.${invitation.status}`) ?? invitation.status,
          })}
        </Alert>
      )}
    </div>
  );
}
