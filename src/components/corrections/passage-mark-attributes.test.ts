import { describe, expect, it } from "vitest";
import type { Correction } from "@/contracts/corrections";
import { commentOnlyMarkClass } from "@/components/review/review-marks";
import type { ReviewValue } from "@/components/review/review-state";
import type { CorrectionsValue } from "./corrections-state";
import { findingMarkClass } from "./finding-style";
import { asMarkProps, passageMarkAttributes } from "./passage-mark-attributes";

const finding = (id: string, severity: Correction["severity"], type: Correction["type"] = "SPELLING") =>
  ({ id, severity, type }) as Correction;

/** The parts of the corrections state the attributes read. */
function corrections(findings: Correction[], openIds: string[] | null = null): CorrectionsValue {
  return {
    byId: new Map(findings.map((f) => [f.id, f])),
    descriptionId: (type: string, severity: string) => `d-${type}-${severity}`,
    open: openIds ? { ids: openIds } : null,
  } as unknown as CorrectionsValue;
}
const review = { markHintId: "hint" } as ReviewValue;

describe("passageMarkAttributes", () => {
  it("makes a run under findings a button described by its worst finding", () => {
    const attributes = passageMarkAttributes(
      ["f1", "f2"],
      [],
      corrections([finding("f1", "WARNING", "STYLE"), finding("f2", "ERROR")]),
      review,
    );
    expect(attributes).toEqual({
      "data-finding-mark": "",
      "data-finding-ids": "f1 f2",
      "data-severity": "ERROR",
      "data-type": "SPELLING",
      role: "button",
      tabindex: "0",
      "aria-haspopup": "dialog",
      "aria-describedby": "d-SPELLING-ERROR",
      "aria-expanded": "false",
      class: findingMarkClass("ERROR", false, false),
    });
  });

  it("joins the comments' highlight and description to a run under findings, open while its popover is", () => {
    const attributes = passageMarkAttributes(
      ["f1"],
      ["c1", "c2"],
      corrections([finding("f1", "INFO")], ["f1"]),
      review,
    );
    expect(attributes?.["data-comment-mark"]).toBe("");
    expect(attributes?.["data-comment-ids"]).toBe("c1 c2");
    expect(attributes?.["aria-describedby"]).toBe("d-SPELLING-INFO hint comment-body-c1 comment-body-c2");
    expect(attributes?.["aria-expanded"]).toBe("true");
    expect(attributes?.class).toBe(findingMarkClass("INFO", true, true));
  });

  it("makes a run under comments only a button that opens its thread", () => {
    expect(passageMarkAttributes([], ["c1"], corrections([]), review)).toEqual({
      "data-comment-mark": "",
      "data-comment-ids": "c1",
      role: "button",
      tabindex: "0",
      "aria-describedby": "hint comment-body-c1",
      class: commentOnlyMarkClass,
    });
  });

  it("leaves a run plain when nothing known covers it", () => {
    // A finding resolved since the text was rendered, and comments outside a review provider.
    expect(passageMarkAttributes(["gone"], [], corrections([]), review)).toBeNull();
    expect(passageMarkAttributes([], ["c1"], corrections([]), null)).toBeNull();
    expect(passageMarkAttributes(["f1"], [], null, review)).toBeNull();
  });

  it("gives React the same attributes under its prop names", () => {
    const props = asMarkProps({ class: "x", tabindex: "0", role: "button", "aria-expanded": "false" });
    expect(props).toEqual({ className: "x", tabIndex: 0, role: "button", "aria-expanded": "false" });
  });
});
