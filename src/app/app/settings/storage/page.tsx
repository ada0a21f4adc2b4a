import type { Metadata } from "next";
import { StorageSettings } from "@/components/settings/storage/storage-settings";
import { getTranslator } from "@/i18n/server";

/** Page title in the visitor's language. */
export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t("settingsExtra.storage.title") };
}

/** Storage provider, CDN and credentials. */
export default function StorageSettingsPage() {
  return <StorageSettings />;
}
