import { describe, expect, it } from "vitest";
import { z } from "zod";
import { AppError } from "@/server/errors";
import { errorResponse, localizeValidationError, validationError } from "./handle-route";

const body = async (error: AppError) =>
  ((await errorResponse(error).json()) as { error: Record<string, unknown> }).error;

describe("error envelope with message keys", () => {
  const schema = z.object({ title: z.string().min(1, "validation.title.required"), pages: z.number().min(2) });

  it("adds the key and parameters of each issue; code, English message and field stay as they were", async () => {
    const error = validationError(schema.safeParse({ title: "", pages: 1 }).error!);
    expect(await body(error)).toEqual({
      code: "VALIDATION_FAILED",
      message: "title: Enter a title",
      field: "title",
      messageKey: "validation.title.required",
      params: {},
      issues: [
        { field: "title", message: "Enter a title", messageKey: "validation.title.required", params: {} },
        {
          field: "pages",
          message: "Too small: expected number to be >=2",
          messageKey: "validation.tooSmall.value",
          params: { origin: "number", comparison: "atLeast", minimum: 2 },
        },
      ],
    });
  });

  it("localizes a validation error by its keys, the field prefix kept", async () => {
    const french = localizeValidationError(validationError(schema.safeParse({ title: "", pages: 1 }).error!), "fr");
    expect(french.message).toBe("title: Saisissez un titre");
    expect(((await body(french)).issues as { message: string }[]).map((issue) => issue.message)).toEqual([
      "Saisissez un titre",
      "Trop petit : au moins 2",
    ]);
    expect(french.messageKey).toBe("validation.title.required");
  });

  it("keys an AppError by its message (a key) or by its code", () => {
    const keyed = new AppError("VALIDATION_FAILED", "title: validation.title.required", { field: "title" });
    expect([keyed.message, keyed.messageKey]).toEqual(["title: Enter a title", "validation.title.required"]);
    const byCode = new AppError("NOT_FOUND", "Book not found");
    expect([byCode.message, byCode.messageKey, byCode.params]).toEqual(["Book not found", "errors.NOT_FOUND", {}]);
    const own = new AppError("VALIDATION_FAILED", "The URL name you typed does not match", { field: "confirmSlug" });
    expect(own.messageKey).toBe("validation.untranslated");
    expect(localizeValidationError(own, "fr").message).toBe("The URL name you typed does not match");
  });
});
