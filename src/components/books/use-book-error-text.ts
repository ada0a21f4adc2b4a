"use client";

import { useCallback } from "react";
import { useOptionalMessage, useT } from "@/i18n/i18n-provider";

/** A refused book action in the reader's words: the books catalog's sentence for the code, else the generic one. */
export function useBookErrorText(): (code: string) => string {
  const t = useT();
  const lookup = useOptionalMessage();
  return useCallback(
    (code: string) => lookup(`books.errors.${code}`) ?? lookup(`errors.${code}`) ?? t("errors.generic"),
    [lookup, t],
  );
}
