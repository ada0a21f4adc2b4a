import type { Metadata } from "next";
import { EngineSettings } from "@/components/settings/engine/engine-settings";
import { getTranslator } from "@/i18n/server";

/** Page title in the visitor's language. */
export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t("settingsExtra.engine.title") };
}

/** AI engine settings. */
export default function EngineSettingsPage() {
  return <EngineSettings />;
}
