"use client";

import Link from "next/link";
import { useT } from "@/i18n/i18n-provider";

/** The footer link of the auth pages a visitor reaches from sign-in (forgot password, verify email). */
export function BackToSignInLink() {
  const t = useT();
  return (
    <Link href="/sign-in" className="font-medium text-ink-700 hover:underline">
      {t("auth.verify.backToSignIn")}
    </Link>
  );
}
