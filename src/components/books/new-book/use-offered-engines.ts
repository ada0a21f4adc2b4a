"use client";

import { useEffect, useState } from "react";
import { apiFetch } from "@/lib/api-fetch";
import { canManage, type OrgRole } from "@/lib/api-types";
import type { EngineInfo } from "@/contracts/books";
import { DEMO_ENGINE } from "./wizard-steps";

/**
 * The engines the wizard offers (null while loading) and the organization's default among them.
 * Engines other than the demo are offered only when the API says they are configured; members and
 * guests cannot read the engine settings (403), so they get the demo engine.
 */
export function useOfferedEngines(role: OrgRole | undefined, onDefault: (engineId: string) => void) {
  const [engines, setEngines] = useState<EngineInfo[] | null>(canManage(role) ? null : [DEMO_ENGINE]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: loads once per role; onDefault is a fresh closure each render
  useEffect(() => {
    if (!canManage(role)) return;
    let cancelled = false;
    void (async () => {
      const result = await apiFetch<{
        settings: { defaultEngine: string };
        engines: (EngineInfo & { configured: boolean })[];
      }>("/api/organization/engine");
      if (cancelled) return;
      if (!result.ok) {
        setEngines([DEMO_ENGINE]);
        return;
      }
      const available = result.data.engines.filter((e) => e.configured || e.id === "demo");
      const list = available.some((e) => e.id === "demo") ? available : [DEMO_ENGINE, ...available];
      setEngines(list);
      const preferred = result.data.settings.defaultEngine;
      if (list.some((e) => e.id === preferred)) onDefault(preferred);
    })();
    return () => {
      cancelled = true;
    };
  }, [role]);
  return engines;
}
