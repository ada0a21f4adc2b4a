import type { ReactNode } from "react";
import { AppShell } from "@/components/app-shell/app-shell";
import { requireUser } from "../_server/current-session";

/** Signed-in area: the server refuses anonymous visitors before any client code runs. */
export default async function AppLayout({ children }: { children: ReactNode }) {
  await requireUser("/app");
  return <AppShell>{children}</AppShell>;
}
