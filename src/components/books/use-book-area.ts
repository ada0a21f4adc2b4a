import { usePathname } from "next/navigation";
import { type BookArea, bookAreaOfPath } from "@/lib/book-paths";

/**
 * The area the book page being shown belongs to (/app for members, /shared for outside collaborators): the
 * reader, the chapter editor and their panels are the same components in both, and their links stay in it.
 */
export function useBookArea(): BookArea {
  return bookAreaOfPath(usePathname() ?? "");
}
