import type { Metadata } from "next";
import { MembersSettings } from "@/components/settings/members-settings";
import { getTranslator } from "@/i18n/server";

/** Page title in the visitor's language. */
export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t("settings.members.title") };
}

/** Members and invitations. */
export default function MembersSettingsPage() {
  return <MembersSettings />;
}
