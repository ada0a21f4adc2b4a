import { Feather } from "lucide-react";
import { IntentLink } from "@/components/ui/intent-link";

/** The Scriptorium wordmark, linking home. */
export function Logo({ href = "/" }: { href?: string }) {
  return (
    <IntentLink
      href={href}
      className="inline-flex items-center gap-2 rounded-md font-serif text-lg font-semibold text-stone-900"
    >
      <span className="flex size-8 items-center justify-center rounded-lg bg-ink-700 text-white">
        <Feather className="size-4" aria-hidden="true" />
      </span>
      Scriptorium
    </IntentLink>
  );
}
