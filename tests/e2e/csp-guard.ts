// Runs with every journey file (vitest.e2e.config.ts setupFiles): the pages are served with a nonce-based
// Content Security Policy, and a violation means a page lost a script or a style in the browser, so no
// journey may end with one.
import { afterAll, expect } from "vitest";
import { cspViolations } from "./browser";

afterAll(() => {
  expect(cspViolations, "Content Security Policy violations reported by the browser").toEqual([]);
});
