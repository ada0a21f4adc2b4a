import type { ReactNode } from "react";
import { SettingsNav } from "@/components/settings/settings-nav";

/** Settings pages share their tab bar. */
export default function SettingsLayout({ children }: { children: ReactNode }) {
  return (
    <>
      <SettingsNav />
      {children}
    </>
  );
}
