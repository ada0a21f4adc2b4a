import type { ComponentProps, ReactNode } from "react";
import { Alert } from "./alert";
import { ButtonLink } from "./button";

/**
 * What a one-shot step ended with (a link that expired, an invitation declined, a password reset): the
 * message, and one full-width link to where the visitor goes next.
 */
export function OutcomeNotice({
  tone,
  children,
  href,
  linkLabel,
  linkVariant,
}: {
  tone: "error" | "success";
  children: ReactNode;
  href: string;
  linkLabel: string;
  linkVariant?: ComponentProps<typeof ButtonLink>["variant"];
}) {
  return (
    <div className="space-y-4">
      <Alert tone={tone}>{children}</Alert>
      <ButtonLink href={href} variant={linkVariant} className="w-full">
        {linkLabel}
      </ButtonLink>
    </div>
  );
}
