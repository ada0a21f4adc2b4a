// The shape every book exporter shares; adding a format = one file implementing this + one registry line.
import type { FormatType } from "@/generated/prisma/enums";
import type { ParsedBook } from "./parse-book";

export type { FormatType };

export interface Exporter {
  format: FormatType;
  /** MIME type of the rendered file. */
  contentType: string;
  /** File extension without the dot, e.g. "epub". */
  fileExtension: string;
  render(book: ParsedBook): Promise<Uint8Array>;
}
