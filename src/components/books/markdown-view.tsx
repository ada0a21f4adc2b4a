"use client";

import type { ComponentProps } from "react";
import { MarkdownBody } from "./markdown-body";

/**
 * MarkdownBody rendered in the browser: the chapter editor, a revision's text and the reader's chapters
 * that load as they near the window (the reader's opening chapter is rendered on the server instead).
 */
export function MarkdownView(props: ComponentProps<typeof MarkdownBody>) {
  return <MarkdownBody {...props} />;
}
