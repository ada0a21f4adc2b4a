import { Compass } from "lucide-react";
import { ButtonLink } from "@/components/ui/button";
import { getTranslator } from "@/i18n/server";

/** 404 for unknown routes and for resources the visitor may not see. */
export default async function NotFound() {
  const { t } = await getTranslator();
  return (
    <main id="main" className="flex min-h-dvh items-center justify-center px-4">
      <div className="max-w-md text-center">
        <div className="mx-auto flex size-12 items-center justify-center rounded-full bg-ink-50 text-ink-700">
          <Compass className="size-6" aria-hidden="true" />
        </div>
        <p className="mt-4 text-sm font-semibold text-ink-700">404</p>
        <h1 className="mt-1 font-serif text-2xl font-semibold text-stone-900">{t("notFound.title")}</h1>
        <p className="mt-2 text-sm text-stone-600">{t("notFound.description")}</p>
        <ButtonLink href="/" className="mt-6">
          {t("notFound.home")}
        </ButtonLink>
      </div>
    </main>
  );
}
