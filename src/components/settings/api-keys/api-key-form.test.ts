import { describe, expect, it } from "vitest";
import { apiKeyFieldErrors, apiKeyFieldProblems, expiryDate, isExpiryOption } from "./api-key-form";

const valid = { name: "CI pipeline", scopes: ["books:read" as const], rateLimit: "60" };

describe("API key form checks (the contract's rules, as message keys)", () => {
  it("accepts a named key with a scope and a whole rate limit in range", () => {
    expect(apiKeyFieldProblems(valid)).toEqual({});
    expect(apiKeyFieldProblems({ ...valid, name: "  padded  ", rateLimit: "100000" })).toEqual({});
  });

  it("names each field at fault with its message key", () => {
    expect(apiKeyFieldProblems({ name: "   ", scopes: [], rateLimit: "" })).toEqual({
      name: "validation.required",
      scopes: "settingsExtra.apiKeys.scopesRequired",
      rateLimit: "settingsExtra.apiKeys.rateLimitInvalid",
    });
    expect(apiKeyFieldProblems({ ...valid, name: "x".repeat(81) })).toEqual({
      name: "settingsExtra.apiKeys.nameTooLong",
    });
  });

  it("refuses rate limits that are not whole numbers from 1 to 100,000", () => {
    for (const rateLimit of ["0", "1.5", "100001", "abc", "-3"]) {
      expect(apiKeyFieldProblems({ ...valid, rateLimit }).rateLimit).toBe("settingsExtra.apiKeys.rateLimitInvalid");
    }
  });

  it("turns an expiry choice into a date from now, or null for never", () => {
    const now = new Date("2026-01-01T00:00:00.000Z");
    expect(expiryDate("never", now)).toBeNull();
    expect(expiryDate("d30", now)).toBe("2026-01-31T00:00:00.000Z");
    expect(expiryDate("y1", now)).toBe("2027-01-01T00:00:00.000Z");
    expect(isExpiryOption("d90")).toBe(true);
    expect(isExpiryOption("d7")).toBe(false);
  });

  it("translates the problems for the form, or answers null when there are none", () => {
    const t = (key: string) => `<${key}>`;
    expect(apiKeyFieldErrors(valid, t)).toBeNull();
    expect(apiKeyFieldErrors({ ...valid, scopes: [] }, t)).toEqual({
      scopes: "<settingsExtra.apiKeys.scopesRequired>",
    });
  });
});
