// Renders the mixed-scripts book twice in a fresh process and prints, as JSON, what that process warned.
// The font tests run it with other fonts than the test process has (FONTCONFIG_FILE, PDF_FONT_PATHS):
// Typst's font scan happens once per process, so a missing-font case needs a process of its own.
// Usage: node --import tsx tests/support/exporters/render-mixed-scripts.ts <output.pdf>
import { writeFileSync } from "node:fs";
import { parseBook } from "@/exporters/parse-book";
import { pdfExporter } from "@/exporters/pdf-exporter";
import { mixedScriptsBookInput } from "./mixed-scripts";

const output = process.argv[2];
if (!output) throw new Error("usage: render-mixed-scripts.ts <output.pdf>");
const warnings: string[] = [];
console.warn = (...args: unknown[]) => warnings.push(args.map(String).join(" "));
const book = await parseBook(mixedScriptsBookInput());
await pdfExporter.render(book);
writeFileSync(output, await pdfExporter.render(book));
process.stdout.write(JSON.stringify({ warnings }));
