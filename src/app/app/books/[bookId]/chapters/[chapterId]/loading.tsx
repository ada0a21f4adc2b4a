import { PageSkeleton } from "@/components/ui/page-skeleton";

// Only here, for the editor. A book's page comes whole: behind this Suspense boundary its opening chapter
// was painted only once the page's scripts had run (a late LCP on a phone), as the dashboard's was.

/** Shown while a chapter's editor streams in. */
export default function ChapterEditorLoading() {
  return <PageSkeleton />;
}
