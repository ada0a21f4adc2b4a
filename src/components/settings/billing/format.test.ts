import { describe, expect, it } from "vitest";
import { formatBytes, formatCount, formatMoney, formatMonth, formatUsage, usagePercent } from "./format";

describe("billing formatting", () => {
  it("formats subunit amounts as money in the locale", () => {
    // Intl separates the code from the number with a no-break space.
    expect(formatMoney(9_900_00, "NGN", "en").replace(/\s/g, " ")).toBe("NGN 9,900.00");
    // French groups with a narrow no-break space and uses a decimal comma.
    expect(formatMoney(9_900_00, "NGN", "fr").replace(/\s/g, " ")).toBe("9 900,00 NGN");
    expect(formatMoney(0, "USD", "en").replace(/\s/g, " ")).toBe("USD 0.00");
  });

  it("falls back to the number and the code for an unknown currency", () => {
    expect(formatMoney(1234, "XX", "en")).toBe("12.34 XX");
  });

  it("formats bytes with binary steps", () => {
    expect(formatBytes(0, "en")).toBe("0 bytes");
    expect(formatBytes(512, "fr").replace(/\s/g, " ")).toBe("512 octets");
    expect(formatBytes(1024 ** 3, "en")).toBe("1 GB");
    expect(formatBytes(10 * 1024 ** 3, "en")).toBe("10 GB");
    expect(formatBytes(1536 * 1024, "en")).toBe("1.5 MB");
    expect(formatBytes(1536 * 1024, "fr").replace(/\s/g, " ")).toBe("1,5 Mo");
  });

  it("formats counts and usage values per unit", () => {
    expect(formatCount(12345, "en")).toBe("12,345");
    expect(formatUsage(3, "books", "en")).toBe("3");
    expect(formatUsage(2048, "bytes", "en")).toBe("2 kB");
  });

  it("computes the share of a limit, capped, and none for unlimited or zero limits", () => {
    expect(usagePercent(3, 10)).toBe(30);
    expect(usagePercent(15, 10)).toBe(100);
    expect(usagePercent(3, null)).toBeNull();
    expect(usagePercent(0, 0)).toBeNull();
  });

  it("names billing months in UTC", () => {
    expect(formatMonth("2026-03-01T00:00:00.000Z", "en")).toBe("Mar 2026");
    expect(formatMonth("2026-03-01T00:00:00.000Z", "fr", "long")).toBe("mars 2026");
  });
});
