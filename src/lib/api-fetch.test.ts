import { describe, expect, it } from "vitest";
import { toApiError } from "./api-fetch";
import { safeNextPath } from "./safe-next-path";

describe("toApiError", () => {
  it("reads our envelope", () => {
    expect(toApiError(409, { error: { code: "SLUG_TAKEN", message: "taken", field: "slug" } })).toEqual({
      status: 409,
      code: "SLUG_TAKEN",
      message: "taken",
      field: "slug",
    });
  });

  it("keeps the message key and its parameters, for the UI to translate", () => {
    const body = {
      error: {
        code: "VALIDATION_FAILED",
        message: "name: Too small: expected string to have >=3 characters",
        field: "name",
        messageKey: "validation.tooSmall.characters.other",
        params: { origin: "string", comparison: "atLeast", minimum: 3, dropped: { nested: true } },
      },
    };
    expect(toApiError(400, body)).toMatchObject({
      messageKey: "validation.tooSmall.characters.other",
      params: { origin: "string", comparison: "atLeast", minimum: 3 },
    });
    expect(toApiError(400, body).params).not.toHaveProperty("dropped");
    expect(toApiError(404, { error: { code: "NOT_FOUND", message: "x" } })).not.toHaveProperty("messageKey");
  });

  it("reads better-auth's own body", () => {
    expect(toApiError(401, { code: "INVALID_EMAIL_OR_PASSWORD", message: "Invalid email or password" })).toEqual({
      status: 401,
      code: "INVALID_EMAIL_OR_PASSWORD",
      message: "Invalid email or password",
      field: undefined,
    });
  });

  it("keeps the plan to upgrade to from a PLAN_LIMIT_REACHED envelope", () => {
    const body = { error: { code: "PLAN_LIMIT_REACHED", message: "limit", field: null, upgradeTo: "ENTERPRISE" } };
    expect(toApiError(402, body)).toMatchObject({ code: "PLAN_LIMIT_REACHED", upgradeTo: "ENTERPRISE" });
    expect(toApiError(402, { error: { code: "PLAN_LIMIT_REACHED", upgradeTo: null } })).not.toHaveProperty("upgradeTo");
  });

  it("names a code when the body has none", () => {
    expect(toApiError(429, null).code).toBe("RATE_LIMITED");
    expect(toApiError(401, "").code).toBe("UNAUTHENTICATED");
    expect(toApiError(502, { foo: 1 }).code).toBe("HTTP_502");
  });
});

describe("safeNextPath", () => {
  it("follows in-app paths only", () => {
    expect(safeNextPath("/invitations/abc")).toBe("/invitations/abc");
    expect(safeNextPath("https://evil.example/")).toBe("/app");
    expect(safeNextPath("//evil.example/")).toBe("/app");
    expect(safeNextPath("/\\evil.example")).toBe("/app");
    expect(safeNextPath(null, "/onboarding")).toBe("/onboarding");
  });
});
