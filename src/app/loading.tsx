import { Spinner } from "@/components/ui/spinner";

/** Shown while a top-level page streams in. */
export default function Loading() {
  return (
    <div className="flex min-h-[50dvh] items-center justify-center text-stone-400" aria-busy="true">
      <Spinner className="size-6" />
    </div>
  );
}
