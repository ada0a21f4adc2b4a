import { clsx } from "clsx";

/** An accessible progress bar (role="progressbar" with aria-valuenow); the label names what progresses. */
export function ProgressBar({
  value,
  label,
  tone = "ink",
  size = "md",
  className,
}: {
  value: number;
  label: string;
  tone?: "ink" | "green" | "red";
  size?: "sm" | "md";
  className?: string;
}) {
  const percent = Math.max(0, Math.min(100, Math.round(value)));
  return (
    <div
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={percent}
      aria-valuetext={`${percent} %`}
      className={clsx("w-full overflow-hidden rounded-full bg-stone-200", size === "sm" ? "h-1.5" : "h-3", className)}
    >
      <div
        className={clsx(
          "h-full rounded-full transition-[width] duration-500 ease-out motion-reduce:transition-none",
          tone === "green" ? "bg-emerald-600" : tone === "red" ? "bg-red-500" : "bg-ink-600",
        )}
        style={{ width: `${percent}%` }}
      />
    </div>
  );
}
