import type { Metadata } from "next";
import { ActivityLog } from "@/components/activity/activity-log";
import { getTranslator } from "@/i18n/server";

/** Page title in the visitor's language. */
export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t("activity.title") };
}

/** The activity log. */
export default function ActivityPage() {
  return <ActivityLog />;
}
