"use client";

import type { ComponentProps } from "react";
import { useT } from "@/i18n/i18n-provider";
import { TextField } from "@/components/ui/text-field";

type Props = Omit<ComponentProps<typeof TextField>, "label" | "name" | "type">;

/** Requests per minute allowed to a key (1–100,000), in the create form and the edit dialog. */
export function ApiKeyRateLimitField(props: Props) {
  const t = useT();
  return (
    <TextField
      label={t("settingsExtra.apiKeys.rateLimit")}
      name="rateLimit"
      type="number"
      inputMode="numeric"
      min={1}
      max={100000}
      step={1}
      {...props}
    />
  );
}
