"use client";

import { clsx } from "clsx";
import type { InputHTMLAttributes } from "react";
import { FieldFrame, fieldControlClass } from "./field-frame";

type TextFieldProps = InputHTMLAttributes<HTMLInputElement> & {
  label: string;
  name: string;
  error?: string | null;
  hint?: string;
};

/** Labelled input whose error is announced and linked with aria-describedby. */
export function TextField({ label, name, error, hint, className, id, ...rest }: TextFieldProps) {
  return (
    <FieldFrame label={label} name={name} id={id} error={error} hint={hint} className={className}>
      {(control) => <input {...control} className={clsx("h-10", fieldControlClass(error))} {...rest} />}
    </FieldFrame>
  );
}
