import type { Metadata } from "next";
import { AdminConsole } from "@/components/admin/admin-console";
import { getTranslator } from "@/i18n/server";

/** Page title in the visitor's language. */
export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t("admin.title") };
}

/** Super-admin console. */
export default function AdminPage() {
  return <AdminConsole />;
}
