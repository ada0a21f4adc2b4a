import { PageSkeleton } from "@/components/ui/page-skeleton";

/** Shown while the activity page streams in (the dashboard has none: see ../books/loading.tsx). */
export default function ActivityLoading() {
  return <PageSkeleton />;
}
