import { PageSkeleton } from "@/components/ui/page-skeleton";

/** Shown while a page of the signed-in area streams in. */
export default function AppLoading() {
  return <PageSkeleton />;
}
