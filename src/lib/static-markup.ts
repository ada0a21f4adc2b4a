import { Fragment, isValidElement, type ReactElement, type ReactNode } from "react";

// Next refuses react-dom/server in server components, yet the reader's opening chapter must reach the
// browser as an HTML string (put in with dangerouslySetInnerHTML, which hydration does not walk: a 5,000-word
// chapter as thousands of hydrated elements was most of a phone's blocking time). The Markdown renderer's
// output is simple enough for this: host elements and function components without hooks.

const VOID = new Set([
  "area",
  "base",
  "br",
  "col",
  "embed",
  "hr",
  "img",
  "input",
  "link",
  "meta",
  "source",
  "track",
  "wbr",
]);
// Attributes React writes as present-or-absent (`disabled=""`), like the task lists' checkboxes.
const BOOLEAN = new Set(["checked", "disabled", "hidden", "open", "readOnly", "required", "selected", "multiple"]);
const RENAMED: Record<string, string> = { className: "class", htmlFor: "for", readOnly: "readonly" };
// React's own escapes, so the output equals renderToStaticMarkup's character for character (tested).
const ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#x27;" };
const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);
const SKIPPED = new Set(["children", "key", "ref", "suppressHydrationWarning", "suppressContentEditableWarning"]);

/**
 * The HTML React would render for `node` (as `renderToStaticMarkup`), for trees of host elements, fragments
 * and plain function components (called as functions: hooks and context are not supported). Anything else
 * throws rather than rendering something different from what the browser would.
 */
export function renderStaticMarkup(node: ReactNode): string {
  if (node === null || node === undefined || typeof node === "boolean") return "";
  if (typeof node === "string") return escapeHtml(node);
  if (typeof node === "number" || typeof node === "bigint") return String(node);
  if (Array.isArray(node)) return node.map(renderStaticMarkup).join("");
  if (isValidElement(node)) {
    const { type, props } = node as ReactElement<Record<string, unknown>>;
    if (type === Fragment) return renderStaticMarkup(props.children as ReactNode);
    if (typeof type === "string") return hostElement(type, props);
    if (typeof type === "function" && !(type.prototype && "render" in type.prototype)) {
      return renderStaticMarkup((type as (props: Record<string, unknown>) => ReactNode)(props));
    }
  }
  throw new Error("renderStaticMarkup: only host elements, fragments and function components are supported");
}

// React writes an input's checked state and value after its other attributes.
const INPUT_LAST = ["checked", "value"];

function hostElement(tag: string, props: Record<string, unknown>): string {
  let attributes = "";
  const entries = Object.entries(props);
  if (tag === "input") {
    entries.sort(
      ([a], [b]) =>
        Number(INPUT_LAST.includes(a)) - Number(INPUT_LAST.includes(b)) ||
        INPUT_LAST.indexOf(a) - INPUT_LAST.indexOf(b),
    );
  }
  for (const [name, value] of entries) {
    if (SKIPPED.has(name) || name === "dangerouslySetInnerHTML") continue;
    if (value === null || value === undefined || typeof value === "function" || typeof value === "symbol") continue;
    const attribute = RENAMED[name] ?? name;
    if (BOOLEAN.has(name)) {
      if (value) attributes += ` ${attribute}=""`;
      continue;
    }
    if (typeof value === "boolean" && !name.startsWith("data-") && !name.startsWith("aria-")) continue;
    const text =
      name === "style" && typeof value === "object" ? styleText(value as Record<string, unknown>) : String(value);
    attributes += ` ${attribute}="${escapeHtml(text)}"`;
  }
  if (VOID.has(tag)) return `<${tag}${attributes}/>`;
  const inner = props.dangerouslySetInnerHTML as { __html?: string } | undefined;
  const content = inner?.__html ?? renderStaticMarkup(props.children as ReactNode);
  return `<${tag}${attributes}>${content}</${tag}>`;
}

/** `{ textAlign: "left" }` → `text-align:left` (the only styles Markdown produces: table cell alignment). */
function styleText(style: Record<string, unknown>): string {
  return Object.entries(style)
    .filter(([, value]) => value !== null && value !== undefined && value !== "")
    .map(([name, value]) => `${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}:${String(value)}`)
    .join(";");
}
