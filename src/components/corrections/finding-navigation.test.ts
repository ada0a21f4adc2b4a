import { describe, expect, it } from "vitest";
import { findingStep } from "./finding-navigation";

const key = (k: string, mods: Partial<{ altKey: boolean; ctrlKey: boolean; metaKey: boolean }> = {}) => ({
  key: k,
  altKey: false,
  ctrlKey: false,
  metaKey: false,
  ...mods,
});

describe("findingStep", () => {
  it("Alt+↓ / Alt+↑ move forward / back, even while typing", () => {
    expect(findingStep(key("ArrowDown", { altKey: true }), false)).toBe(1);
    expect(findingStep(key("ArrowUp", { altKey: true }), true)).toBe(-1);
  });

  it("] / [ move only when not typing in a field", () => {
    expect(findingStep(key("]"), false)).toBe(1);
    expect(findingStep(key("["), false)).toBe(-1);
    expect(findingStep(key("]"), true)).toBeNull();
    expect(findingStep(key("["), true)).toBeNull();
  });

  it("ignores plain arrows, other keys and Ctrl/⌘ combinations", () => {
    expect(findingStep(key("ArrowDown"), false)).toBeNull();
    expect(findingStep(key("a"), false)).toBeNull();
    expect(findingStep(key("ArrowDown", { altKey: true, ctrlKey: true }), false)).toBeNull();
    expect(findingStep(key("]", { metaKey: true }), false)).toBeNull();
    expect(findingStep(key("]", { altKey: true }), false)).toBeNull();
  });
});
