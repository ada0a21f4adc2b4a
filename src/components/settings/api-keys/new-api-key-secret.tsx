"use client";

import { Copy, ShieldAlert } from "lucide-react";
import { useEffect, useId, useRef, useState } from "react";
import { useT } from "@/i18n/i18n-provider";
import { Button } from "@/components/ui/button";

/** The one and only display of a new key's secret, with a copy button and a clear warning. */
export function NewSecretPanel({ name, secret, onDone }: { name: string; secret: string; onDone: () => void }) {
  const t = useT();
  const inputId = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const [copyState, setCopyState] = useState<"copied" | "failed" | null>(null);

  // Screen-reader and keyboard users land on the panel that needs their attention.
  useEffect(() => {
    headingRef.current?.focus();
  }, []);

  async function copy() {
    try {
      await navigator.clipboard.writeText(secret);
      setCopyState("copied");
    } catch {
      inputRef.current?.select();
      setCopyState("failed");
    }
  }

  return (
    <section
      aria-labelledby={`${inputId}-title`}
      className="space-y-4 rounded-xl border border-amber-300 bg-amber-50 px-5 py-4"
      data-testid="new-api-key"
    >
      <div className="flex items-start gap-3">
        <ShieldAlert className="mt-0.5 size-5 shrink-0 text-amber-700" aria-hidden="true" />
        <div>
          <h2 id={`${inputId}-title`} ref={headingRef} tabIndex={-1} className="text-base font-semibold text-amber-950">
            {t("settingsExtra.apiKeys.secretTitle")}
          </h2>
          <p className="mt-1 text-sm text-amber-900">{t("settingsExtra.apiKeys.secretWarning")}</p>
        </div>
      </div>
      <div className="space-y-1.5">
        <label htmlFor={inputId} className="block text-sm font-medium text-stone-800">
          {t("settingsExtra.apiKeys.secretLabel", { name })}
        </label>
        <div className="flex flex-col gap-2 sm:flex-row">
          <input
            id={inputId}
            ref={inputRef}
            readOnly
            value={secret}
            onFocus={(event) => event.target.select()}
            spellCheck={false}
            className="block h-10 w-full rounded-lg border border-stone-300 bg-white px-3 font-mono text-sm text-stone-900 shadow-sm focus:outline-2 focus:outline-ink-500"
            data-testid="new-api-key-secret"
          />
          <Button variant="secondary" onClick={() => void copy()} className="shrink-0">
            <Copy className="size-4" aria-hidden="true" />
            {t("settingsExtra.apiKeys.copy")}
          </Button>
        </div>
        <p className="text-sm text-stone-700" role="status">
          {copyState === "copied"
            ? t("settingsExtra.apiKeys.copied")
            : copyState === "failed"
              ? t("settingsExtra.apiKeys.copyFailed")
              : ""}
        </p>
      </div>
      <Button onClick={onDone}>{t("settingsExtra.apiKeys.done")}</Button>
    </section>
  );
}
