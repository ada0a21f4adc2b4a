// Every export format, one line each; the worker asks the registry, never a format file directly.
import { docxExporter } from "./docx-exporter";
import { epubExporter } from "./epub-exporter";
import type { Exporter, FormatType } from "./exporter";
import { htmlExporter } from "./html-exporter";
import { markdownExporter } from "./markdown-exporter";
import { pdfExporter } from "./pdf-exporter";

export const exporters: Readonly<Record<FormatType, Exporter>> = {
  PDF: pdfExporter,
  EPUB: epubExporter,
  DOCX: docxExporter,
  HTML: htmlExporter,
  MARKDOWN: markdownExporter,
};

/** Returns the exporter for a format (every FormatType has one). */
export function exporterFor(format: FormatType): Exporter {
  return exporters[format];
}
