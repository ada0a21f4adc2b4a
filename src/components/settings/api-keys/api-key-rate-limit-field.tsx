"use client";

import type { ComponentProps } from "react";
import { useT } from "@/i18n/i18n-provider";
import { NumberField } from "@/components/ui/number-field";

type Props = Omit<ComponentProps<typeof NumberField>, "label" | "name">;

/** Requests per minute allowed to a key (1–100,000), in the create form and the edit dialog. */
export function ApiKeyRateLimitField(props: Props) {
  const t = useT();
  return <NumberField label={t("settingsExtra.apiKeys.rateLimit")} name="rateLimit" min={1} max={100000} {...props} />;
}
