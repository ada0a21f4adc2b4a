"use client";

import { Eye, EyeOff } from "lucide-react";
import { type InputHTMLAttributes, useState } from "react";
import { useT } from "@/i18n/i18n-provider";
import { TextField } from "@/components/ui/text-field";

/** A password input with a show/hide toggle that keeps its accessible name. */
export function PasswordField(
  props: InputHTMLAttributes<HTMLInputElement> & { label: string; name: string; error?: string | null; hint?: string },
) {
  const t = useT();
  const [visible, setVisible] = useState(false);
  return (
    <div className="relative">
      <TextField {...props} type={visible ? "text" : "password"} className="[&_input]:pr-10" />
      <button
        type="button"
        onClick={() => setVisible((v) => !v)}
        aria-pressed={visible}
        aria-label={visible ? t("auth.hidePassword") : t("auth.showPassword")}
        className="absolute right-1.5 top-[1.9rem] flex size-8 items-center justify-center rounded-md text-stone-500 hover:text-stone-800 focus-visible:outline-2 focus-visible:outline-ink-600"
      >
        {visible ? <EyeOff className="size-4" aria-hidden="true" /> : <Eye className="size-4" aria-hidden="true" />}
      </button>
    </div>
  );
}
