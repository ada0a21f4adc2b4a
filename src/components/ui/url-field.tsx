"use client";

import type { ComponentProps } from "react";
import { TextField } from "./text-field";

/** A TextField for a web address: URL keyboard, no autofill or spell check. */
export function UrlField(props: Omit<ComponentProps<typeof TextField>, "type" | "inputMode">) {
  return <TextField type="url" inputMode="url" autoComplete="off" spellCheck={false} {...props} />;
}

/** True for an http(s) address with a host: the browser-side check before the server's stricter one. */
export const isHttpUrl = (value: string) => /^https?:\/\/[^\s/]+/i.test(value);
