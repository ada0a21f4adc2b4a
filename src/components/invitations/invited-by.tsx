"use client";

import type { MyInvitation } from "@/contracts/organizations";
import { useT } from "@/i18n/i18n-provider";

/** The inviting organization's name, and who invited the user with which role. */
export function InvitedBy({ invitation, nameClassName }: { invitation: MyInvitation; nameClassName: string }) {
  const t = useT();
  return (
    <div className="min-w-0">
      <p className={nameClassName}>{invitation.organization.name}</p>
      <p className="text-sm text-stone-600">
        {t("onboarding.invitedBy", {
          name: invitation.inviter?.name ?? t("activity.system"),
          role: t(`roles.${invitation.role}`),
        })}
      </p>
    </div>
  );
}
