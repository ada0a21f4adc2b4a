"use client";

import { useState } from "react";
import { useT } from "@/i18n/i18n-provider";
import { authClient } from "@/lib/auth-client";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";

const labels = { github: "GitHub", google: "Google" } as const;

/** One button per configured OAuth provider; renders nothing when none is configured. */
export function SocialButtons({ providers, callbackURL }: { providers: string[]; callbackURL: string }) {
  const t = useT();
  const [pending, setPending] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);
  if (providers.length === 0) return null;

  async function go(provider: string) {
    setPending(provider);
    setFailed(false);
    const result = await authClient.signIn.social({ provider, callbackURL });
    if (result.error) {
      setFailed(true);
      setPending(null);
    }
  }

  return (
    <div className="space-y-3">
      <Alert tone="error">{failed ? t("errors.generic") : null}</Alert>
      {providers.map((provider) => (
        <Button
          key={provider}
          variant="secondary"
          className="w-full"
          loading={pending === provider}
          onClick={() => void go(provider)}
        >
          {t("auth.continueWith", { provider: labels[provider as keyof typeof labels] ?? provider })}
        </Button>
      ))}
      <div className="flex items-center gap-3 py-1 text-xs uppercase tracking-wide text-stone-400">
        <span className="h-px flex-1 bg-stone-200" />
        {t("auth.or")}
        <span className="h-px flex-1 bg-stone-200" />
      </div>
    </div>
  );
}
