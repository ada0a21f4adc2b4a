import { describe, expect, it } from "vitest";
import { decryptSecret, encryptSecret, SecretBoxError } from "./secret-box";

const secret = "test-app-secret-0123456789abcdefghijklmnop";

function flipChar(text: string, index: number): string {
  const c = text[index];
  return text.slice(0, index) + (c === "A" ? "B" : "A") + text.slice(index + 1);
}

describe("secret-box", () => {
  it("round-trips unicode and JSON plaintexts", () => {
    for (const plaintext of ["", "hunter2", '{"accessKeyId":"AKIA","secretAccessKey":"s/k+y"}', "clé 🔑 密钥"]) {
      const sealed = encryptSecret(plaintext, secret);
      expect(sealed).toMatch(/^v1:[A-Za-z0-9_-]{16}:[A-Za-z0-9_-]{22}:[A-Za-z0-9_-]*$/);
      expect(sealed).not.toContain(plaintext || "\u0000");
      expect(decryptSecret(sealed, secret)).toBe(plaintext);
    }
  });

  it("uses a fresh IV each time", () => {
    const a = encryptSecret("same", secret);
    const b = encryptSecret("same", secret);
    expect(a).not.toBe(b);
    expect(a.split(":")[1]).not.toBe(b.split(":")[1]);
  });

  it("refuses a tampered IV, tag or data", () => {
    const sealed = encryptSecret("a secret value", secret);
    const [v, iv, tag, data] = sealed.split(":") as [string, string, string, string];
    const tampered = [
      [v, flipChar(iv, 3), tag, data],
      [v, iv, flipChar(tag, 5), data],
      [v, iv, tag, flipChar(data, 2)],
    ].map((p) => p.join(":"));
    for (const t of tampered) {
      expect(() => decryptSecret(t, secret)).toThrow(SecretBoxError);
      expect(() => decryptSecret(t, secret)).toThrow(/tampered/);
    }
  });

  it("refuses another app secret and another context", () => {
    const sealed = encryptSecret("value", secret, "org_1");
    expect(decryptSecret(sealed, secret, "org_1")).toBe("value");
    expect(() => decryptSecret(sealed, `${secret}x`, "org_1")).toThrow(SecretBoxError);
    expect(() => decryptSecret(sealed, secret, "org_2")).toThrow(SecretBoxError);
    expect(() => decryptSecret(sealed, secret)).toThrow(SecretBoxError);
  });

  it("refuses malformed and unknown-version input with a clear message", () => {
    const sealed = encryptSecret("value", secret);
    expect(() => decryptSecret("not-encrypted", secret)).toThrow(/malformed/);
    expect(() => decryptSecret(sealed.replace(/^v1:/, "v2:"), secret)).toThrow(
      /Unsupported encrypted secret version "v2"/,
    );
    expect(() => decryptSecret(sealed.replace(/:([^:]*)$/, ":bad*chars"), secret)).toThrow(/base64url/);
    const [v, , tag, data] = sealed.split(":");
    expect(() => decryptSecret([v, "AAAA", tag, data].join(":"), secret)).toThrow(/IV or tag length/);
  });

  it("requires a real app secret", () => {
    expect(() => encryptSecret("value", "short")).toThrow(/at least 16 characters/);
  });
});
