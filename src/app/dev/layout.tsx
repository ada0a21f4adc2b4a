import type { ReactNode } from "react";
import { FullCatalog } from "@/i18n/full-catalog";

/** The development pages (the email outbox): their client components use the whole catalog (the root layout hands over its shell part only). */
export default function DevLayout({ children }: { children: ReactNode }) {
  return <FullCatalog>{children}</FullCatalog>;
}
