"use client";

import { Mail } from "lucide-react";
import { useState } from "react";
import type { MyInvitation } from "@/contracts/organizations";
import { useT } from "@/i18n/i18n-provider";
import { useApiQuery } from "@/lib/use-api-query";
import { useApiErrors } from "@/components/forms/use-api-errors";
import { Alert } from "@/components/ui/alert";
import { answerInvitation } from "@/components/invitations/answer-invitation";
import { InvitedBy } from "@/components/invitations/invited-by";
import { Button } from "@/components/ui/button";

/** Invitations addressed to the signed-in user's email, each with accept and decline. */
export function PendingInvitations() {
  const t = useT();
  const { data, setData } = useApiQuery("/api/invitations", "myInvitationsResponse");
  const invitations = data?.invitations;
  const [busy, setBusy] = useState<string | null>(null);
  const { formError, showError, clearErrors } = useApiErrors([]);

  async function respond(invitation: MyInvitation, answer: "accept" | "decline") {
    clearErrors();
    setBusy(`${invitation.id}:${answer}`);
    const result = await answerInvitation(invitation.id, answer);
    setBusy(null);
    if (!result.ok) return showError(result.error);
    if (answer === "accept") return window.location.assign("/app");
    setData((current) => current && { invitations: current.invitations.filter((item) => item.id !== invitation.id) });
  }

  if (!invitations || invitations.length === 0) return null;

  return (
    <section aria-labelledby="pending-invitations" className="rounded-2xl border border-ink-200 bg-white p-6 shadow-sm">
      <h2 id="pending-invitations" className="flex items-center gap-2 text-base font-semibold text-stone-900">
        <Mail className="size-5 text-ink-700" aria-hidden="true" />
        {t("onboarding.invitationsTitle")}
      </h2>
      <Alert tone="error" className="mt-3">
        {formError}
      </Alert>
      <ul className="mt-4 divide-y divide-stone-100">
        {invitations.map((invitation) => (
          <li
            key={invitation.id}
            className="flex flex-wrap items-center justify-between gap-3 py-3"
            data-invitation={invitation.id}
          >
            <InvitedBy invitation={invitation} nameClassName="font-medium text-stone-900" />
            <div className="flex gap-2">
              <Button
                size="sm"
                variant="ghost"
                loading={busy === `${invitation.id}:decline`}
                disabled={busy !== null}
                onClick={() => void respond(invitation, "decline")}
              >
                {t("invitation.decline")}
              </Button>
              <Button
                size="sm"
                loading={busy === `${invitation.id}:accept`}
                disabled={busy !== null}
                onClick={() => void respond(invitation, "accept")}
              >
                {t("invitation.accept")}
              </Button>
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
