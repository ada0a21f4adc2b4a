import { PageSkeleton } from "@/components/ui/page-skeleton";

// Not in src/app/app itself: there it held the dashboard's first paint behind a Suspense boundary, revealed
// only once the page's scripts had run (a late LCP on a phone). The dashboard's HTML now comes whole.

/** Shown while a book's page streams in. */
export default function BooksLoading() {
  return <PageSkeleton />;
}
