import { describe, expect, it } from "vitest";
import { requireTool } from "./format-tools";

describe("requireTool", () => {
  it("fails with the Debian package and the install script to run, instead of skipping", () => {
    expect(() => requireTool("epubcheck-not-installed-here")).toThrow(
      /Required tool "epubcheck-not-installed-here" is not installed .*tests\/setup\/install-format-tools\.sh/,
    );
  });

  it("finds an installed tool on PATH", () => {
    expect(requireTool("sh")).toMatch(/\/sh$/);
  });
});
