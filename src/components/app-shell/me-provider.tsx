"use client";

import { useRouter } from "next/navigation";
import { createContext, type ReactNode, useCallback, useContext, useEffect, useState } from "react";
import { useT } from "@/i18n/i18n-provider";
import { apiFetch } from "@/lib/api-fetch";
import type { Me } from "@/lib/api-types";
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
  const [me, setMe] = useState<Me | null>(initialMe ?? null);
  const [failed, setFailed] = useState(false);

  const refresh = useCallback(async () => {
    const result = await apiFetch<Me>("/api/me");
    if (result.ok) {
      setFailed(false);
      setMe(result.data);
      if (requireOrganization && result.data.organizations.length === 0) router.replace("/onboarding");
    } else if (result.status === 401) {
      router.replace(`/sign-in?next=${encodeURIComponent(next)}`);
    } else {
      setFailed(true);
    }
  }, [next, requireOrganization, router]);

  // The server usually hands over the first copy; only fetch when it did not.
  const hasInitial = Boolean(initialMe);
  useEffect(() => {
    if (!hasInitial) void refresh();
  }, [hasInitial, refresh]);

  if (failed) {
    return (
      <div className="mx-auto max-w-md p-8">
        <Alert tone="error">{t("errors.loadFailed")}</Alert>
        <Button className="mt-4" variant="secondary" onClick={() => void refresh()}>
          {t("common.retry")}
        </Button>
      </div>
    );
  }
  if (!me || (requireOrganization && me.organizations.length === 0)) {
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
