import { createElement, Fragment } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { Alert } from "./alert";

const render = (children: unknown) =>
  renderToStaticMarkup(createElement(Alert, { tone: "error" }, ...(children as never[])));

describe("Alert", () => {
  it("keeps an invisible live region when nothing would show: no children, null, false, empty strings", () => {
    const empty = '<div role="alert" class="sr-only"></div>';
    expect(render([])).toBe(empty);
    // The sign-in form's `{formError}{unverified ? link : null}`: two empty parts are still an empty alert.
    expect(render(["", null])).toBe(empty);
    expect(render([undefined, false])).toBe(empty);
  });

  it("draws the box as soon as there is something to say", () => {
    const html = render(["Wrong password", null]);
    expect(html).toContain('role="alert"');
    expect(html).toContain("border-red-200");
    expect(html).toContain("Wrong password");
    expect(render([createElement(Fragment, null, " ", createElement("a", { href: "/x" }, "link"))])).toContain(
      "border-red-200",
    );
  });
});
