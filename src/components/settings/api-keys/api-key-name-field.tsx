"use client";

import type { ComponentProps } from "react";
import { useT } from "@/i18n/i18n-provider";
import { TextField } from "@/components/ui/text-field";

type Props = Omit<ComponentProps<typeof TextField>, "label" | "name" | "maxLength" | "autoComplete" | "required">;

/** A key's name (at most 80 characters), in the create form and the edit dialog. */
export function ApiKeyNameField(props: Props) {
  const t = useT();
  return (
    <TextField
      label={t("settingsExtra.apiKeys.name")}
      name="name"
      autoComplete="off"
      maxLength={80}
      required
      {...props}
    />
  );
}
