import { describe, expect, it } from "vitest";
import { engineInfo } from "@/server/books/engine-config";
import { initialProgress, type ProgressDetails } from "./job-progress";
import { ProgressTracker } from "./progress-tracker";

/** A tracker (10 ms throttle) whose first write fails with `message`; `written` receives the later ones. */
function trackerFailingOnce(message: string) {
  const written: ProgressDetails[] = [];
  let attempts = 0;
  const tracker = new ProgressTracker(
    async (details) => {
      attempts++;
      if (attempts === 1) throw new Error(message);
      written.push(details);
      return true;
    },
    initialProgress(engineInfo("demo"), 600),
    10,
  );
  return { tracker, written, attempts: () => attempts };
}

/** Runs `body`, closes the tracker, and checks that no write failure was left as an unhandled rejection. */
async function expectNothingUnhandled(tracker: ProgressTracker, body: () => Promise<void>): Promise<void> {
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);
  process.on("unhandledRejection", onUnhandled);
  try {
    await body();
    await tracker.close();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(unhandled).toEqual([]);
  } finally {
    process.off("unhandledRejection", onUnhandled);
  }
}

describe("ProgressTracker", () => {
  it("survives a failed throttled write and sends the picture with the next one", async () => {
    const { tracker, written } = trackerFailingOnce("connection reset");
    await expectNothingUnhandled(tracker, async () => {
      await tracker
        .setChapters([
          { order: 1, title: "One", state: "PENDING", words: 0, budget: 300 },
          { order: 2, title: "Two", state: "PENDING", words: 0, budget: 300 },
        ])
        .catch(() => {});
      // The first write (above) failed and was reported to its caller; streaming goes on.
      tracker.chapterStarted(1);
      tracker.chapterToken(1, "Hello brave new world ");
      await expect.poll(() => written.length, { timeout: 2_000 }).toBeGreaterThan(0);
      expect(written.at(-1)!.chapters[0]).toMatchObject({ state: "WRITING", words: 4 });
    });
  });

  it("retries a throttled write that failed instead of crashing the process", async () => {
    const { tracker, written, attempts } = trackerFailingOnce("database hiccup");
    await expectNothingUnhandled(tracker, async () => {
      tracker.note("outline ready");
      await expect.poll(() => written.length, { timeout: 2_000 }).toBe(1);
      expect(attempts()).toBe(2);
      expect(written[0]!.message).toBe("outline ready");
    });
  });
});
