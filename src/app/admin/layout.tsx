import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import { AppShell } from "@/components/app-shell/app-shell";
import { requireUser } from "../_server/current-session";

/** The super-admin console exists only for SUPER_ADMIN users; others get a plain 404. */
export default async function AdminLayout({ children }: { children: ReactNode }) {
  const user = await requireUser("/admin");
  if (user.role !== "SUPER_ADMIN") notFound();
  return (
    <AppShell requireOrganization={false} next="/admin">
      {children}
    </AppShell>
  );
}
