import type { ReactNode } from "react";

/** The h1 and lead paragraph of a page inside the app. */
export function PageHeader({
  title,
  description,
  actions,
}: {
  title: string;
  description?: string;
  actions?: ReactNode;
}) {
  return (
    <div className="mb-6 flex flex-wrap items-end justify-between gap-4">
      {/* A title or topic with a word longer than the line (a pasted URL) wraps instead of widening the page. */}
      <div className="min-w-0 wrap-anywhere">
        <h1 className="font-serif text-2xl font-semibold text-stone-900">{title}</h1>
        {description ? <p className="mt-1 text-sm text-stone-600">{description}</p> : null}
      </div>
      {actions}
    </div>
  );
}
