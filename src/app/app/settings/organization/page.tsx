import type { Metadata } from "next";
import { OrganizationSettings } from "@/components/settings/organization-settings";
import { getTranslator } from "@/i18n/server";

/** Page title in the visitor's language. */
export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t("settings.organization.title") };
}

/** Organization settings. */
export default function OrganizationSettingsPage() {
  return <OrganizationSettings />;
}
