import type { ReactNode } from "react";
import { FullCatalog } from "@/i18n/full-catalog";

/** Invitation pages: their client components use the whole catalog (the root layout hands over its shell part only). */
export default function InvitationsLayout({ children }: { children: ReactNode }) {
  return <FullCatalog>{children}</FullCatalog>;
}
