import type { ReactNode } from "react";
import { AppShell } from "@/components/app-shell/app-shell";
import { FullCatalog } from "@/i18n/full-catalog";
import { requireMe } from "@/app/_server/current-session";

/**
 * Books shared with the signed-in person. Needs no organization: someone invited to one book may have none
 * (the /app area would send them to onboarding). Invitation links render their own page outside this shell.
 */
export default async function SharedLayout({ children }: { children: ReactNode }) {
  const me = await requireMe("/shared");
  return (
    <FullCatalog>
      <AppShell initialMe={me} requireOrganization={false} next="/shared">
        {children}
      </AppShell>
    </FullCatalog>
  );
}
