import { PageSkeleton } from "@/components/ui/page-skeleton";

/** Shown while a settings page streams in (the dashboard has none: see ../books/loading.tsx). */
export default function SettingsLoading() {
  return <PageSkeleton />;
}
