"use client";

import { useEffect, useMemo } from "react";
import type { EngineInfo } from "@/contracts/books";
import type { EngineSettingsView } from "@/contracts/engine-settings";
import { canManage, type OrgRole } from "@/contracts/org-roles";
import { useApiQuery } from "@/lib/use-api-query";
import { DEMO_ENGINE } from "./wizard-steps";

/** The configured engines, the demo one always among them. */
function offeredEngines(settings: EngineSettingsView): EngineInfo[] {
  const available = settings.engines
    .filter((e) => e.configured || e.id === "demo")
    .map(({ id, label, isDemo }) => ({ id, label, isDemo }));
  return available.some((e) => e.id === "demo") ? available : [DEMO_ENGINE, ...available];
}

/**
 * The engines the wizard offers (null while loading); `onDefault` receives the organization's default engine
 * once known, when it is offered. Engines other than the demo are offered only when the API says they are
 * configured; members and guests cannot read the engine settings (403), so they get the demo engine.
 */
export function useOfferedEngines(role: OrgRole | undefined, onDefault: (engineId: string) => void) {
  const manager = canManage(role);
  const { data, error } = useApiQuery(manager ? "/api/organization/engine" : null, "engineSettingsSchema");
  const offered = useMemo(() => (data ? offeredEngines(data) : null), [data]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: once per answer; onDefault is a fresh closure each render
  useEffect(() => {
    if (!data || !offered) return;
    const preferred = data.settings.defaultEngine;
    if (offered.some((e) => e.id === preferred)) onDefault(preferred);
  }, [data, offered]);

  if (!manager || error) return [DEMO_ENGINE];
  return offered;
}
