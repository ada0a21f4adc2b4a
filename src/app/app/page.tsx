import type { Metadata } from "next";
import { DashboardView } from "@/components/dashboard/dashboard-view";
import { getTranslator } from "@/i18n/server";
import { firstParam, type SearchParams } from "@/app/_server/search-params";
import { shelfQuery } from "@/components/books/shelf-query";
import { loadDashboard } from "./_server/load-dashboard";

/** Page title in the visitor's language. */
export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t("nav.dashboard") };
}

/** The dashboard, with its usage card and the shelf's first page already filled in. */
export default async function DashboardPage({ searchParams }: { searchParams: SearchParams }) {
  const query = shelfQuery(firstParam(await searchParams, "q"));
  return <DashboardView initial={await loadDashboard(query)} />;
}
