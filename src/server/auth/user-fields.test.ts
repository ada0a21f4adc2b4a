import { describe, expect, it } from "vitest";
import { USER_NAME_MAX, withinUserFieldLimits } from "./user-fields";

describe("withinUserFieldLimits (users created from OAuth profiles)", () => {
  it("drops control characters, cuts the name, and replaces an unknown locale and a non-http image", () => {
    const data = withinUserFieldLimits({
      name: `Octo\u0000cat\u202E${"x".repeat(200)}`,
      email: "octo@example.test",
      locale: "klingon",
      image: "javascript:alert(1)",
    });
    expect(data.name).toBe(`Octocat${"x".repeat(200)}`.slice(0, USER_NAME_MAX));
    expect(data.locale).toBe("en");
    expect(data.image).toBeNull();
    expect(data.email).toBe("octo@example.test");
  });

  it("leaves valid data alone", () => {
    const valid = { name: "Ada Lovelace", locale: "fr", image: "https://avatars.example.test/ada.png" };
    expect(withinUserFieldLimits(valid)).toEqual(valid);
  });
});
