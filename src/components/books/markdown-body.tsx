import { clsx } from "clsx";
import ReactMarkdown, { type Components } from "react-markdown";
import remarkGfm from "remark-gfm";
import type { PluggableList } from "unified";

export { readerChapterClass } from "./reader-chapter-class";

// Chapter bodies sit under the chapter's own heading, so their headings start one level lower (h3).
const components: Components = {
  h1: ({ node: _node, ...props }) => <h3 className="mt-6 font-serif text-xl font-semibold text-stone-900" {...props} />,
  h2: ({ node: _node, ...props }) => <h3 className="mt-6 font-serif text-xl font-semibold text-stone-900" {...props} />,
  h3: ({ node: _node, ...props }) => <h3 className="mt-6 font-serif text-lg font-semibold text-stone-900" {...props} />,
  h4: ({ node: _node, ...props }) => <h4 className="mt-5 font-semibold text-stone-900" {...props} />,
  h5: ({ node: _node, ...props }) => <h5 className="mt-4 font-semibold text-stone-900" {...props} />,
  h6: ({ node: _node, ...props }) => <h6 className="mt-4 font-semibold text-stone-800" {...props} />,
  p: ({ node: _node, ...props }) => <p className="mt-4 leading-relaxed first:mt-0" {...props} />,
  a: ({ node: _node, ...props }) => (
    <a className="text-ink-700 underline underline-offset-2 hover:text-ink-900" rel="noopener noreferrer" {...props} />
  ),
  ul: ({ node: _node, ...props }) => <ul className="mt-4 list-disc space-y-1 pl-6" {...props} />,
  ol: ({ node: _node, ...props }) => <ol className="mt-4 list-decimal space-y-1 pl-6" {...props} />,
  blockquote: ({ node: _node, ...props }) => (
    <blockquote className="mt-4 border-l-4 border-ink-200 pl-4 italic text-stone-700" {...props} />
  ),
  code: ({ node: _node, ...props }) => (
    <code className="rounded bg-stone-100 px-1 py-0.5 font-mono text-[0.9em] text-stone-800" {...props} />
  ),
  pre: ({ node: _node, ...props }) => (
    <pre
      className="mt-4 overflow-x-auto rounded-lg bg-stone-900 p-4 text-sm text-stone-100 [&_code]:bg-transparent [&_code]:text-inherit"
      {...props}
    />
  ),
  table: ({ node: _node, ...props }) => (
    <div className="mt-4 overflow-x-auto">
      <table className="min-w-full divide-y divide-stone-200 text-sm" {...props} />
    </div>
  ),
  th: ({ node: _node, ...props }) => <th className="px-3 py-2 text-left font-semibold" {...props} />,
  td: ({ node: _node, ...props }) => <td className="border-t border-stone-100 px-3 py-2" {...props} />,
  hr: () => <hr className="my-6 border-stone-200" />,
  img: ({ node: _node, alt, ...props }) => (
    // biome-ignore lint/performance/noImgElement: user-written Markdown images have unknown sizes and origins
    <img alt={alt ?? ""} className="mt-4 max-w-full rounded" loading="lazy" {...props} />
  ),
};

/**
 * Renders chapter Markdown safely (no "use client": a server component renders it too, so the reader's
 * opening chapter arrives as HTML and the browser never parses its Markdown, see book-reader.tsx): GFM (tables, lists, strikethrough) but never raw HTML (`skipHtml`), and
 * react-markdown's URL filter drops javascript: links. A word too long for the line (a 300-letter word, a
 * long URL) breaks anywhere (`wrap-anywhere`) instead of widening the page.
 */
export function MarkdownBody({
  markdown,
  className,
  rehypePlugins,
  components: extra,
}: {
  markdown: string;
  className?: string;
  /** Extra rehype plugins and element renderers (the corrections marks use them). */
  rehypePlugins?: PluggableList;
  components?: Components;
}) {
  return (
    <div className={clsx("min-w-0 wrap-anywhere", className ?? "font-serif text-[1.05rem] text-stone-800")}>
      <ReactMarkdown
        remarkPlugins={[remarkGfm]}
        rehypePlugins={rehypePlugins}
        components={extra ? { ...components, ...extra } : components}
        skipHtml
      >
        {markdown}
      </ReactMarkdown>
    </div>
  );
}
