import type { Metadata } from "next";
import { notFound, redirect } from "next/navigation";
import { SimpleHeader } from "@/components/layout/simple-header";
import { OutboxView } from "@/components/outbox/outbox-view";
import { getTranslator } from "@/i18n/server";
import { outboxAccess } from "@/app/_server/outbox-access";
import { currentUser } from "@/app/_server/current-session";
import { firstParam, type SearchParams } from "@/app/_server/search-params";

/** Page title in the visitor's language. */
export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t("outbox.title") };
}

/**
 * The local email outbox, for platform administrators (and the developer on this machine in development);
 * it does not exist once real email (SMTP) is configured. Others get a 404, visitors a sign-in first.
 */
export default async function OutboxPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const access = await outboxAccess();
  if (access === "sign-in") {
    const to = firstParam(params, "to");
    redirect(`/sign-in?next=${encodeURIComponent(to ? `/dev/outbox?to=${encodeURIComponent(to)}` : "/dev/outbox")}`);
  }
  if (access !== "readable") notFound();
  const user = await currentUser();
  return (
    <div className="flex min-h-dvh flex-col">
      <SimpleHeader signedIn={Boolean(user)} />
      <main id="main" className="mx-auto w-full max-w-6xl flex-1 px-4 pb-16 pt-4 sm:px-6">
        <OutboxView initialTo={firstParam(params, "to") ?? ""} />
      </main>
    </div>
  );
}
