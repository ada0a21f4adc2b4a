import { describe, expect, it } from "vitest";
import { FormatType } from "@/generated/prisma/enums";
import { parseBook } from "./parse-book";
import { exporterFor, exporters } from "./registry";
import { sampleBookInput } from "../../tests/support/exporters/sample-book";

// The first bytes each format must start with.
const SIGNATURES: Record<FormatType, string> = {
  PDF: "%PDF-",
  EPUB: "PK\u0003\u0004mimetype",
  DOCX: "PK\u0003\u0004",
  HTML: "<!DOCTYPE html>",
  MARKDOWN: "---\ntitle: ",
};

describe("exporter registry", () => {
  it("has exactly one exporter per Prisma FormatType, registered under its own format", () => {
    expect(Object.keys(exporters).sort()).toEqual(Object.values(FormatType).sort());
    for (const format of Object.values(FormatType)) expect(exporterFor(format).format).toBe(format);
  });

  it.each(Object.values(FormatType))("%s renders the sample book to a file of its declared type", async (format) => {
    const exporter = exporterFor(format);
    const bytes = await exporter.render(await parseBook(sampleBookInput("fr")));
    const head = Buffer.from(bytes.subarray(0, 64)).toString("latin1");
    const signature = SIGNATURES[format];
    expect(format === "EPUB" ? head.slice(0, 4) + head.slice(30, 38) : head.slice(0, signature.length)).toBe(signature);
    expect(exporter.contentType).toMatch(/^[a-z]+\/[a-z0-9.+-]+/);
    expect(exporter.fileExtension).toMatch(/^[a-z]+$/);
  });
});
