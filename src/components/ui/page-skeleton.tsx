/** Grey placeholder blocks while a page loads (decorative; the region is marked busy). */
export function PageSkeleton() {
  return (
    <div aria-busy="true" className="animate-pulse space-y-6">
      <div className="h-7 w-56 rounded-md bg-stone-200" />
      <div className="h-4 w-80 rounded-md bg-stone-200" />
      <div className="h-48 rounded-xl bg-stone-200/70" />
    </div>
  );
}
