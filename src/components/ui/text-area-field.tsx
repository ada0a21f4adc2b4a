"use client";

import { clsx } from "clsx";
import type { TextareaHTMLAttributes } from "react";
import { FieldFrame, fieldControlClass } from "./field-frame";

type TextAreaFieldProps = TextareaHTMLAttributes<HTMLTextAreaElement> & {
  label: string;
  name: string;
  error?: string | null;
  hint?: string;
  /** Monospace and smaller text, for pasted key files or code. */
  mono?: boolean;
};

/**
 * Labelled textarea whose hint and error are linked with aria-describedby (the TextField of multi-line
 * text). `className` styles the field's wrapper, as for TextField.
 */
export function TextAreaField({
  label,
  name,
  error,
  hint,
  mono,
  className,
  id,
  rows = 3,
  ...rest
}: TextAreaFieldProps) {
  return (
    <FieldFrame label={label} name={name} id={id} error={error} hint={hint} className={className}>
      {(control) => (
        <textarea {...control} rows={rows} className={clsx("py-2", fieldControlClass(error, { mono }))} {...rest} />
      )}
    </FieldFrame>
  );
}
