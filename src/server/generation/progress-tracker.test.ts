import { describe, expect, it } from "vitest";
import { engineInfo } from "@/server/books/engine-config";
import { initialProgress, type ProgressDetails } from "./job-progress";
import { ProgressTracker } from "./progress-tracker";

describe("ProgressTracker", () => {
  it("survives a failed throttled write and sends the picture with the next one", async () => {
    const writes: ProgressDetails[] = [];
    let failNext = true;
    const tracker = new ProgressTracker(
      async (details) => {
        if (failNext) {
          failNext = false;
          throw new Error("connection reset");
        }
        writes.push(details);
        return true;
      },
      initialProgress(engineInfo("demo"), 600),
      10,
    );
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on("unhandledRejection", onUnhandled);
    try {
      await tracker
        .setChapters([
          { order: 1, title: "One", state: "PENDING", words: 0, budget: 300 },
          { order: 2, title: "Two", state: "PENDING", words: 0, budget: 300 },
        ])
        .catch(() => {});
      // The first write (above) failed and was reported to its caller; streaming goes on.
      tracker.chapterStarted(1);
      tracker.chapterToken(1, "Hello brave new world ");
      await expect.poll(() => writes.length, { timeout: 2_000 }).toBeGreaterThan(0);
      const last = writes.at(-1)!;
      expect(last.chapters[0]).toMatchObject({ state: "WRITING", words: 4 });
      await tracker.close();
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(unhandled).toEqual([]);
    } finally {
      process.off("unhandledRejection", onUnhandled);
    }
  });

  it("retries a throttled write that failed instead of crashing the process", async () => {
    let attempts = 0;
    const written: ProgressDetails[] = [];
    const tracker = new ProgressTracker(
      async (details) => {
        attempts++;
        if (attempts === 1) throw new Error("database hiccup");
        written.push(details);
        return true;
      },
      initialProgress(engineInfo("demo"), 600),
      10,
    );
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on("unhandledRejection", onUnhandled);
    try {
      tracker.note("outline ready");
      await expect.poll(() => written.length, { timeout: 2_000 }).toBe(1);
      expect(attempts).toBe(2);
      expect(written[0]!.message).toBe("outline ready");
      await tracker.close();
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(unhandled).toEqual([]);
    } finally {
      process.off("unhandledRejection", onUnhandled);
    }
  });
});
