import { describe, expect, it } from "vitest";
import type { ReaderBook, Chapter } from "@/contracts/books";
import { withOpeningChapterText } from "./reader-detail";

function chapter(order: number, content: string): Chapter {
  return {
    id: `c${order}`,
    order,
    title: `Chapter ${order}`,
    synopsis: null,
    status: "DONE",
    wordBudget: null,
    wordCount: content.split(" ").length,
    content,
    updatedAt: "2026-12-03T00:00:00.000Z",
  };
}

describe("withOpeningChapterText", () => {
  it("keeps every chapter's summary but only the lowest-ordered chapter's text", () => {
    // Out of order on purpose: the opening chapter is the one with the lowest order, not the first listed.
    const detail = { book: {}, job: null, chapters: [chapter(2, "two"), chapter(0, "zero words"), chapter(1, "one")] };
    const light = withOpeningChapterText(detail as unknown as ReaderBook);
    expect(light.chapters.map((c) => [c.id, c.title, c.wordCount, c.content])).toEqual([
      ["c2", "Chapter 2", 1, undefined],
      ["c0", "Chapter 0", 2, "zero words"],
      ["c1", "Chapter 1", 1, undefined],
    ]);
    expect(light.chapters.filter((c) => "content" in c)).toHaveLength(1);
  });

  it("leaves a book without chapters as it is", () => {
    const detail = { book: {}, job: null, chapters: [] } as unknown as ReaderBook;
    expect(withOpeningChapterText(detail).chapters).toEqual([]);
  });
});
