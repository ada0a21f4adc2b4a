"use client";

import { KeyRound } from "lucide-react";
import { useT } from "@/i18n/i18n-provider";
import { Badge } from "@/components/ui/badge";
import { CheckboxField } from "@/components/ui/checkbox-field";
import { TextField } from "@/components/ui/text-field";

/** A write-only secret: says whether one is saved, a blank input keeps it, a checkbox removes it. */
export function SecretField({
  label,
  name,
  saved,
  savedText,
  missingText,
  removeLabel,
  value,
  remove,
  onValue,
  onRemove,
  error,
  testId,
}: {
  label: string;
  name: string;
  saved: boolean;
  savedText: string;
  missingText: string;
  removeLabel: string;
  value: string;
  remove: boolean;
  onValue: (value: string) => void;
  onRemove: (value: boolean) => void;
  error?: string;
  testId: string;
}) {
  const t = useT();
  return (
    <div className="space-y-2">
      <p className="flex items-center gap-2 text-sm text-stone-700" data-testid={testId} data-saved={saved}>
        <KeyRound className="size-4 text-stone-500" aria-hidden="true" />
        {saved ? savedText : missingText}
        <Badge tone={saved ? "green" : "neutral"}>
          {saved ? t("settingsExtra.common.set") : t("settingsExtra.common.notSet")}
        </Badge>
      </p>
      <TextField
        label={label}
        name={name}
        type="password"
        autoComplete="new-password"
        spellCheck={false}
        value={value}
        disabled={remove}
        onChange={(event) => onValue(event.target.value)}
        hint={saved ? t("settingsExtra.engine.keepHint") : undefined}
        error={error}
      />
      {saved ? <CheckboxField label={removeLabel} checked={remove} onChange={onRemove} tone="danger" /> : null}
    </div>
  );
}
