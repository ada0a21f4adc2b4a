"use client";

import { useRouter } from "next/navigation";
import { useCallback, useState } from "react";
import { apiFetch } from "@/lib/api-fetch";
import { booksHomePath } from "@/lib/book-paths";
import { BookReader, type PrerenderedChapter, type ReaderDetail } from "./book-reader";
import { GenerationProgress } from "./generation-progress";
import { withOpeningChapterText } from "./reader-detail";
import { useBookArea } from "./use-book-area";

/**
 * One book: while its generation runs (or after it failed) the live progress page, once it is complete the
 * reader. The switch happens in place when the job reaches 100 %, so the URL stays the book's.
 */
export function BookPage({
  initial,
  opening,
  reviewKey = null,
}: {
  initial: ReaderDetail;
  opening?: PrerenderedChapter;
  reviewKey?: string | null;
}) {
  const router = useRouter();
  const home = booksHomePath(useBookArea());
  const [detail, setDetail] = useState<ReaderDetail>(initial);

  // Reloads the book; a failed request is tried again a few times, then the whole page is reloaded, so the
  // switch from progress to reader never depends on one request.
  const reload = useCallback(async () => {
    for (let attempt = 0; attempt < 4; attempt++) {
      const result = await apiFetch(`/api/books/${initial.book.id}`, { schema: "readerBookSchema" });
      if (result.ok) {
        setDetail(withOpeningChapterText(result.data));
        return;
      }
      if (result.status === 404) {
        router.replace(home);
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, 1000 * (attempt + 1)));
    }
    window.location.reload();
  }, [initial.book.id, router, home]);

  const onDeleted = useCallback(() => router.replace(home), [router, home]);

  const { book, job } = detail;
  const generating = job !== null && job.status !== "COMPLETED" && !(book.hasContent && job.status === "FAILED");
  if (generating && job) {
    return (
      <GenerationProgress
        key={job.id}
        book={book}
        initialJob={job}
        canWrite={detail.access.edit}
        onCompleted={() => void reload()}
        onDeleted={onDeleted}
      />
    );
  }
  return <BookReader detail={detail} opening={opening} reviewKey={reviewKey} onChanged={reload} />;
}
