"use client";

import type { ComponentProps } from "react";
import { TextField } from "./text-field";

/** A TextField for a whole number: numeric keyboard on phones, whole steps unless the caller sets `step`. */
export function NumberField(props: Omit<ComponentProps<typeof TextField>, "type" | "inputMode">) {
  return <TextField type="number" inputMode="numeric" step={1} {...props} />;
}
