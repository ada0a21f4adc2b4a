import { describe, expect, it } from "vitest";
import { bookAreaOfPath, bookPath, booksHomePath, chapterEditorPath } from "./book-paths";

describe("book paths", () => {
  it("tells the collaborators' area from the members' by the page's path", () => {
    expect(bookAreaOfPath("/shared")).toBe("shared");
    expect(bookAreaOfPath("/shared/books/b1")).toBe("shared");
    expect(bookAreaOfPath("/shared/books/b1/chapters/c1")).toBe("shared");
    expect(bookAreaOfPath("/app/books/b1")).toBe("app");
    expect(bookAreaOfPath("/app/books/b1/chapters/c1")).toBe("app");
    // Only the /shared segment itself counts, not a path that merely starts with the same letters.
    expect(bookAreaOfPath("/sharedish/books/b1")).toBe("app");
    expect(bookAreaOfPath("")).toBe("app");
  });

  it("builds the shelf, book, chapter-anchor and editor paths of each area", () => {
    expect(booksHomePath("app")).toBe("/app");
    expect(booksHomePath("shared")).toBe("/shared");
    expect(bookPath("app", "b1")).toBe("/app/books/b1");
    expect(bookPath("shared", "b1", 3)).toBe("/shared/books/b1#chapter-3");
    expect(chapterEditorPath("shared", "b1", "c1")).toBe("/shared/books/b1/chapters/c1");
    expect(chapterEditorPath("app", "b1", "c1")).toBe("/app/books/b1/chapters/c1");
    // Ids are path segments, never path syntax.
    expect(chapterEditorPath("app", "b/1", "c?1")).toBe("/app/books/b%2F1/chapters/c%3F1");
  });
});
