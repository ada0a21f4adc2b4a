"use client";

import { useCallback, useEffect, useState } from "react";
import { useKeyedMessage, useOptionalMessage, useT } from "@/i18n/i18n-provider";
import type { ApiError } from "@/lib/api-fetch";

/** better-auth errors name no field; these codes clearly belong to one. */
const fieldByCode: Record<string, string> = {
  USER_ALREADY_EXISTS: "email",
  USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL: "email",
  INVALID_EMAIL: "email",
  PASSWORD_TOO_SHORT: "password",
  PASSWORD_TOO_LONG: "password",
  INVALID_PASSWORD: "password",
  SLUG_TAKEN: "slug",
  ALREADY_MEMBER: "email",
  ALREADY_INVITED: "email",
};

/** Errors about the whole form even when the server names a field (wrong credentials concern both inputs). */
const formLevelCodes = new Set(["INVALID_EMAIL_OR_PASSWORD", "EMAIL_NOT_VERIFIED", "RATE_LIMITED"]);

/** Field errors and a form-level error fed by the `{error:{code,message,field}}` envelope. */
export function useApiErrors(fields: readonly string[]) {
  const t = useT();
  const lookup = useOptionalMessage();
  const keyed = useKeyedMessage();
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);

  // Move keyboard and screen-reader focus to the first field that needs attention.
  useEffect(() => {
    if (Object.keys(fieldErrors).length === 0) return;
    document.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [fieldErrors]);

  const describe = useCallback(
    (error: ApiError): string => {
      // The server names its message by key: say it in the reader's language, keeping the "field: " the
      // server's text starts with (showError takes it off next to the input).
      const translated = error.messageKey ? keyed(error.messageKey, error.params) : undefined;
      if (translated) {
        const prefix = error.field && error.message.startsWith(`${error.field}: `) ? `${error.field}: ` : "";
        return `${prefix}${translated}`;
      }
      // Validation messages from the server are specific ("slug is taken"); other codes read better translated.
      if (error.code === "VALIDATION_FAILED" && error.message) return error.message;
      return lookup(`errors.${error.code}`) ?? (error.message || t("errors.generic"));
    },
    [keyed, lookup, t],
  );

  const showError = useCallback(
    (error: ApiError) => {
      const field = formLevelCodes.has(error.code) ? undefined : (error.field ?? fieldByCode[error.code]);
      if (field && fields.includes(field)) {
        // Next to its input, "title: Enter a title" reads as "Enter a title".
        const message = describe(error);
        const prefix = `${field}: `;
        setFieldErrors({ [field]: message.startsWith(prefix) ? message.slice(prefix.length) : message });
        setFormError(null);
      } else {
        setFieldErrors({});
        setFormError(describe(error));
      }
    },
    [describe, fields],
  );

  const clearErrors = useCallback(() => {
    setFieldErrors({});
    setFormError(null);
  }, []);

  return { fieldErrors, setFieldErrors, formError, setFormError, showError, clearErrors, describe };
}
