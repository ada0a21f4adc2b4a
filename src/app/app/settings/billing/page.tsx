import type { Metadata } from "next";
import { firstParam, type SearchParams } from "@/app/_server/search-params";
import { BillingSettings } from "@/components/settings/billing/billing-settings";
import { getTranslator } from "@/i18n/server";

/** Page title in the visitor's language. */
export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t("settingsExtra.billing.title") };
}

/** Plan, usage, checkout and invoices; Paystack's callback lands here with ?checkout=<outcome>. */
export default async function BillingSettingsPage({ searchParams }: { searchParams: SearchParams }) {
  return <BillingSettings checkout={firstParam(await searchParams, "checkout")} />;
}
