import { BookOpen, FileDown, Sparkles, Users } from "lucide-react";
import { LocaleSwitcher } from "@/components/layout/locale-switcher";
import { Logo } from "@/components/layout/logo";
import { ButtonLink } from "@/components/ui/button";
import { getTranslator } from "@/i18n/server";
import { currentUser } from "./_server/current-session";

/** Public landing page: what Scriptorium is, and the way in. */
export default async function LandingPage() {
  const { t } = await getTranslator();
  const user = await currentUser();
  const features = [
    { icon: Sparkles, title: t("landing.features.outline.title"), body: t("landing.features.outline.body") },
    { icon: BookOpen, title: t("landing.features.chapters.title"), body: t("landing.features.chapters.body") },
    { icon: Users, title: t("landing.features.team.title"), body: t("landing.features.team.body") },
    { icon: FileDown, title: t("landing.features.export.title"), body: t("landing.features.export.body") },
  ];
  return (
    <div className="flex min-h-dvh flex-col">
      <header className="mx-auto flex w-full max-w-6xl items-center justify-between gap-3 px-4 py-5 sm:px-6">
        <Logo />
        <nav aria-label={t("landing.navLabel")} className="flex items-center gap-2">
          {/* On a phone the language picker sits in the footer so the sign-in buttons fit the header. */}
          <LocaleSwitcher className="hidden sm:block" />
          {user ? (
            <ButtonLink href="/app" size="sm">
              {t("landing.openDashboard")}
            </ButtonLink>
          ) : (
            <>
              <ButtonLink href="/sign-in" size="sm" variant="ghost">
                {t("auth.signIn.submit")}
              </ButtonLink>
              <ButtonLink href="/sign-up" size="sm">
                {t("auth.signUp.submit")}
              </ButtonLink>
            </>
          )}
        </nav>
      </header>
      <main id="main" className="flex-1">
        <section className="mx-auto max-w-4xl px-4 pb-16 pt-14 text-center sm:px-6 sm:pt-24">
          <p className="text-sm font-semibold uppercase tracking-widest text-ink-700">{t("landing.eyebrow")}</p>
          <h1 className="mt-4 font-serif text-4xl font-semibold leading-tight text-stone-900 sm:text-6xl">
            {t("landing.headline")}
          </h1>
          <p className="mx-auto mt-6 max-w-2xl text-lg text-stone-600">{t("landing.tagline")}</p>
          <div className="mt-10 flex flex-wrap justify-center gap-3">
            {user ? (
              <ButtonLink href="/app">{t("landing.openDashboard")}</ButtonLink>
            ) : (
              <>
                <ButtonLink href="/sign-up">{t("landing.ctaPrimary")}</ButtonLink>
                <ButtonLink href="/sign-in" variant="secondary">
                  {t("landing.ctaSecondary")}
                </ButtonLink>
              </>
            )}
          </div>
        </section>
        <section aria-labelledby="features" className="border-t border-stone-200 bg-white">
          <div className="mx-auto max-w-6xl px-4 py-16 sm:px-6">
            <h2 id="features" className="sr-only">
              {t("landing.featuresTitle")}
            </h2>
            <ul className="grid gap-8 sm:grid-cols-2 lg:grid-cols-4">
              {features.map(({ icon: Icon, title, body }) => (
                <li key={title}>
                  <span className="flex size-10 items-center justify-center rounded-lg bg-ink-50 text-ink-700">
                    <Icon className="size-5" aria-hidden="true" />
                  </span>
                  <h3 className="mt-4 font-semibold text-stone-900">{title}</h3>
                  <p className="mt-1 text-sm text-stone-600">{body}</p>
                </li>
              ))}
            </ul>
          </div>
        </section>
      </main>
      <footer className="flex flex-col items-center gap-3 border-t border-stone-200 py-6 text-center text-sm text-stone-500">
        <LocaleSwitcher className="sm:hidden" />
        {t("landing.footer", { year: new Date().getFullYear() })}
      </footer>
    </div>
  );
}
