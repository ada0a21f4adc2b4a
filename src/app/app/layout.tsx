import { redirect } from "next/navigation";
import type { ReactNode } from "react";
import { AppShell } from "@/components/app-shell/app-shell";
import { FullCatalog } from "@/i18n/full-catalog";
import { requireMe } from "@/app/_server/current-session";

/** Signed-in area: anonymous visitors go to sign-in, users without an organization to onboarding. */
export default async function AppLayout({ children }: { children: ReactNode }) {
  const me = await requireMe("/app");
  if (me.organizations.length === 0) redirect("/onboarding");
  return (
    <FullCatalog>
      <AppShell initialMe={me}>{children}</AppShell>
    </FullCatalog>
  );
}
