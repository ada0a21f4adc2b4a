import type { Metadata } from "next";
import { DashboardView } from "@/components/dashboard/dashboard-view";
import { getTranslator } from "@/i18n/server";

/** Page title in the visitor's language. */
export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t("nav.dashboard") };
}

/** The dashboard. */
export default function DashboardPage() {
  return <DashboardView />;
}
