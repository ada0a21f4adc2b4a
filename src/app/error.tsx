"use client";

import { TriangleAlert } from "lucide-react";
import { useEffect } from "react";
import { Button, ButtonLink } from "@/components/ui/button";
import { useT } from "@/i18n/i18n-provider";

/** Fallback for unexpected errors in any page; offers a retry and a way home. */
export default function ErrorPage({ error, retry }: { error: unknown; retry: () => void }) {
  const t = useT();
  useEffect(() => {
    console.error(error);
  }, [error]);
  // Next adds a digest to server errors, which the logs name; it is the one detail worth showing.
  const digest =
    error instanceof Error && "digest" in error && typeof error.digest === "string" ? error.digest : undefined;
  return (
    <main id="main" className="flex min-h-[60dvh] items-center justify-center px-4">
      <div className="max-w-md text-center" role="alert">
        <div className="mx-auto flex size-12 items-center justify-center rounded-full bg-red-50 text-red-600">
          <TriangleAlert className="size-6" aria-hidden="true" />
        </div>
        <h1 className="mt-4 font-serif text-2xl font-semibold text-stone-900">{t("errorPage.title")}</h1>
        <p className="mt-2 text-sm text-stone-600">{t("errorPage.description")}</p>
        {digest ? (
          <p className="mt-2 font-mono text-xs text-stone-400">{t("errorPage.reference", { id: digest })}</p>
        ) : null}
        <div className="mt-6 flex justify-center gap-3">
          <Button onClick={() => retry()}>{t("common.retry")}</Button>
          <ButtonLink href="/" variant="secondary">
            {t("notFound.home")}
          </ButtonLink>
        </div>
      </div>
    </main>
  );
}
