import { describe, expect, it } from "vitest";
import { estimatePath } from "./generation-estimate";

describe("the new-book estimate's query", () => {
  it("asks only for sizes the server accepts", () => {
    expect(estimatePath("100000", "30", "openai-compatible")).toBe(
      "/api/books/estimate?targetWords=100000&targetChapters=30&engine=openai-compatible",
    );
    expect(estimatePath(" 5000 ", "5", "")).toBe("/api/books/estimate?targetWords=5000&targetChapters=5");
    for (const [words, chapters] of [
      ["", "5"],
      ["5000", ""],
      ["1e4", "5"],
      ["400", "1"],
      ["300000", "5"],
      ["5000", "51"],
      ["1000", "20"],
    ]) {
      expect(estimatePath(words!, chapters!, "demo"), `${words}/${chapters}`).toBeNull();
    }
  });
});
