"use client";

import { clsx } from "clsx";
import type { TextareaHTMLAttributes } from "react";
import { FieldFrame, fieldControlClass } from "@/components/ui/field-frame";

type TextAreaFieldProps = TextareaHTMLAttributes<HTMLTextAreaElement> & {
  label: string;
  name: string;
  error?: string | null;
  hint?: string;
};

/** Labelled textarea whose hint and error are linked with aria-describedby (same look as TextField). */
export function TextAreaField({ label, name, error, hint, className, id, rows = 3, ...rest }: TextAreaFieldProps) {
  return (
    <FieldFrame label={label} name={name} id={id} error={error} hint={hint} className={className}>
      {(control) => <textarea {...control} rows={rows} className={clsx("py-2", fieldControlClass(error))} {...rest} />}
    </FieldFrame>
  );
}
