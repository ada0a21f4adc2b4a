"use client";

import { clsx } from "clsx";
import { Check } from "lucide-react";
import { useT } from "@/i18n/i18n-provider";
import { wizardSteps } from "./wizard-steps";

/** The numbered steps above the form: done steps can be revisited, later ones are not reachable yet. */
export function WizardStepNav({ step, onGoTo }: { step: number; onGoTo: (index: number) => void }) {
  const t = useT();
  return (
    <nav aria-label={t("books.wizard.stepsLabel")} className="mb-6">
      <ol className="grid grid-cols-2 gap-2 sm:grid-cols-4">
        {wizardSteps.map((s, index) => {
          const done = index < step;
          const active = index === step;
          return (
            <li key={s.id}>
              <button
                type="button"
                onClick={() => (index < step ? onGoTo(index) : undefined)}
                disabled={index > step}
                aria-current={active ? "step" : undefined}
                className={clsx(
                  "flex h-full w-full items-center gap-2 rounded-lg border px-3 py-2 text-left text-sm focus-visible:outline-2 focus-visible:outline-ink-600",
                  active
                    ? "border-ink-600 bg-ink-50 font-semibold text-ink-900"
                    : done
                      ? "border-stone-200 bg-white text-stone-800 hover:border-ink-300"
                      : "cursor-default border-stone-200 bg-white text-stone-500",
                )}
              >
                <span
                  className={clsx(
                    "flex size-6 shrink-0 items-center justify-center rounded-full text-xs",
                    done ? "bg-ink-700 text-white" : active ? "bg-ink-700 text-white" : "bg-stone-100 text-stone-600",
                  )}
                  aria-hidden="true"
                >
                  {done ? <Check className="size-3.5" /> : index + 1}
                </span>
                {/* Two lines on a phone rather than "About the bo…"; one truncated line from `sm` up. */}
                <span className="min-w-0 leading-tight sm:truncate" title={t(`books.wizard.steps.${s.id}`)}>
                  {t(`books.wizard.steps.${s.id}`)}
                </span>
              </button>
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
