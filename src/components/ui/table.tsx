import { clsx } from "clsx";
import type { ReactNode, TdHTMLAttributes, ThHTMLAttributes } from "react";

/** A scrollable data table with a visually hidden or visible caption. */
export function Table({
  caption,
  children,
  hideCaption = true,
}: {
  caption: string;
  children: ReactNode;
  hideCaption?: boolean;
}) {
  return (
    // relative: the header's sr-only labels (absolutely positioned) scroll with the table instead of widening
    // the page on a phone.
    <div className="relative overflow-x-auto">
      <table className="min-w-full divide-y divide-stone-200 text-sm">
        <caption className={hideCaption ? "sr-only" : "px-4 py-2 text-left text-sm text-stone-600"}>{caption}</caption>
        {children}
      </table>
    </div>
  );
}

/**
 * A header column: its label, or an object for a label only screen readers hear (the actions column)
 * or extra classes (right-aligned numbers).
 */
export type TableColumn = string | { label: string; srOnly?: boolean; className?: string };

/** The header row of a data table, one cell per column. */
export function TableHead({ columns }: { columns: TableColumn[] }) {
  return (
    <thead className="bg-stone-50">
      <tr>
        {columns.map((column) => {
          const { label, srOnly, className } = typeof column === "string" ? { label: column } : column;
          return (
            <Th key={label} className={className}>
              {srOnly ? <span className="sr-only">{label}</span> : label}
            </Th>
          );
        })}
      </tr>
    </thead>
  );
}

/** A column header cell. */
export function Th({ className, ...rest }: ThHTMLAttributes<HTMLTableCellElement>) {
  return (
    <th
      scope="col"
      className={clsx(
        "whitespace-nowrap px-4 py-2.5 text-left text-xs font-semibold uppercase tracking-wide text-stone-500",
        className,
      )}
      {...rest}
    />
  );
}

/** A body cell. */
export function Td({ className, ...rest }: TdHTMLAttributes<HTMLTableCellElement>) {
  return <td className={clsx("px-4 py-3 align-middle text-stone-800", className)} {...rest} />;
}
