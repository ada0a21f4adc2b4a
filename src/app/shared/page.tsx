import type { Metadata } from "next";
import { PageHeader } from "@/components/app-shell/page-header";
import { SharedShelf } from "@/components/sharing/shared-shelf";
import { getTranslator } from "@/i18n/server";

/** Page title in the visitor's language. */
export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t("sharing.shelfTitle") };
}

/** The "Shared with me" shelf. */
export default async function SharedPage() {
  const { t } = await getTranslator();
  return (
    <>
      <PageHeader title={t("sharing.shelfTitle")} description={t("sharing.shelfDescription")} />
      <SharedShelf />
    </>
  );
}
