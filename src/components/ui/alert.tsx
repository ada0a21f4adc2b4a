import { clsx } from "clsx";
import { CircleAlert, CircleCheck, Info } from "lucide-react";
import { Children, type ReactNode } from "react";

type Tone = "error" | "success" | "info";

const tones: Record<Tone, string> = {
  error: "border-red-200 bg-red-50 text-red-800",
  success: "border-emerald-200 bg-emerald-50 text-emerald-800",
  info: "border-ink-200 bg-ink-50 text-ink-900",
};
const icons = { error: CircleAlert, success: CircleCheck, info: Info };

/**
 * A message box. Errors use role="alert" so they are announced at once; the others are polite status
 * updates. Rendering it with no children keeps the live region mounted (and invisible) for later messages.
 */
export function Alert({
  tone = "info",
  children,
  className,
}: {
  tone?: Tone;
  children?: ReactNode;
  className?: string;
}) {
  const Icon = icons[tone];
  const live = tone === "error" ? { role: "alert" as const } : { role: "status" as const };
  // `{error}{extra ? … : null}` is an array even when both parts are empty: judge by what would render.
  if (!hasContent(children)) return <div {...live} className="sr-only" />;
  return (
    <div
      {...live}
      className={clsx("flex items-start gap-2 rounded-lg border px-3 py-2.5 text-sm", tones[tone], className)}
    >
      <Icon className="mt-0.5 size-4 shrink-0" aria-hidden="true" />
      <div className="min-w-0 flex-1">{children}</div>
    </div>
  );
}

/** True when the children would render something (null, false and empty strings render nothing). */
function hasContent(children: ReactNode): boolean {
  return Children.toArray(children).some((child) => child !== "");
}
