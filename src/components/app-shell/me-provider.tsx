"use client";

import { useRouter } from "next/navigation";
import { createContext, type ReactNode, useContext, useEffect } from "react";
import type { Me } from "@/contracts/me";
import { useT } from "@/i18n/i18n-provider";
import { useApiQuery } from "@/lib/use-api-query";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Spinner } from "@/components/ui/spinner";

type MeValue = { me: Me; refresh: () => Promise<void> };

const MeContext = createContext<MeValue | null>(null);

/**
 * Shares GET /api/me with the signed-in area (first copy from the server, refreshed after changes). Signed-out visitors go to sign-in;
 * users without an organization go to onboarding (unless the page allows that, like /admin).
 */
export function MeProvider({
  children,
  requireOrganization = true,
  next = "/app",
  initialMe,
}: {
  children: ReactNode;
  initialMe?: Me;
  requireOrganization?: boolean;
  next?: string;
}) {
  const t = useT();
  const router = useRouter();
  // The server usually hands over the first copy; the hook only fetches when it did not.
  const { data: me, error, reload: refresh } = useApiQuery("/api/me", "meSchema", { initialData: initialMe });
  const signedOut = error?.status === 401;
  const withoutOrganization = requireOrganization && me !== undefined && me.organizations.length === 0;

  useEffect(() => {
    if (signedOut) router.replace(`/sign-in?next=${encodeURIComponent(next)}`);
    else if (withoutOrganization) router.replace("/onboarding");
  }, [next, router, signedOut, withoutOrganization]);

  if (error && !signedOut) {
    return (
      <div className="mx-auto max-w-md p-8">
        <Alert tone="error">{t("errors.loadFailed")}</Alert>
        <Button className="mt-4" variant="secondary" onClick={() => void refresh()}>
          {t("common.retry")}
        </Button>
      </div>
    );
  }
  if (!me || withoutOrganization) {
    return (
      <div className="flex min-h-dvh items-center justify-center text-stone-500" role="status">
        <Spinner className="size-6" />
        <span className="sr-only">{t("common.loading")}</span>
      </div>
    );
  }
  return <MeContext.Provider value={{ me, refresh }}>{children}</MeContext.Provider>;
}
/** The signed-in user, their organizations and the active one. */
export function useMe(): MeValue {
  const value = useContext(MeContext);
  if (!value) throw new Error("useMe must be used inside <MeProvider>");
  return value;
}
