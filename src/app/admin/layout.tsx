import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import { AppShell } from "@/components/app-shell/app-shell";
import { FullCatalog } from "@/i18n/full-catalog";
import { requireMe } from "@/app/_server/current-session";

/** The super-admin console exists only for SUPER_ADMIN users; others get a plain 404. */
export default async function AdminLayout({ children }: { children: ReactNode }) {
  const me = await requireMe("/admin");
  if (me.user.role !== "SUPER_ADMIN") notFound();
  return (
    <FullCatalog>
      <AppShell initialMe={me} requireOrganization={false} next="/admin">
        {children}
      </AppShell>
    </FullCatalog>
  );
}
