import type { Metadata } from "next";
import { ApiKeysSettings } from "@/components/settings/api-keys/api-keys-settings";
import { getTranslator } from "@/i18n/server";

/** Page title in the visitor's language. */
export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t("settingsExtra.apiKeys.title") };
}

/** API keys of the organization. */
export default function ApiKeysSettingsPage() {
  return <ApiKeysSettings />;
}
