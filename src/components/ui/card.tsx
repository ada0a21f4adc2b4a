import { clsx } from "clsx";
import type { ReactNode } from "react";

/** A white panel with a border; the building block of settings pages. */
export function Card({ children, className, tone }: { children: ReactNode; className?: string; tone?: "danger" }) {
  return (
    <section
      className={clsx(
        "rounded-xl border bg-white shadow-sm",
        tone === "danger" ? "border-red-200" : "border-stone-200",
        className,
      )}
    >
      {children}
    </section>
  );
}

/** Title and description at the top of a card. */
export function CardHeader({
  title,
  description,
  actions,
}: {
  title: string;
  description?: string;
  actions?: ReactNode;
}) {
  return (
    <div className="flex flex-wrap items-start justify-between gap-3 border-b border-stone-100 px-5 py-4">
      <div className="min-w-0">
        <h2 className="text-base font-semibold text-stone-900">{title}</h2>
        {description ? <p className="mt-1 text-sm text-stone-600">{description}</p> : null}
      </div>
      {actions}
    </div>
  );
}

/** Padded body of a card. */
export function CardBody({ children, className }: { children: ReactNode; className?: string }) {
  return <div className={clsx("px-5 py-4", className)}>{children}</div>;
}
