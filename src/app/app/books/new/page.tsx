import type { Metadata } from "next";
import { NewBookWizard } from "@/components/books/new-book/new-book-wizard";
import { getTranslator } from "@/i18n/server";

/** Page title in the visitor's language. */
export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t("books.wizard.title") };
}

/** The new-book wizard. */
export default function NewBookPage() {
  return <NewBookWizard />;
}
