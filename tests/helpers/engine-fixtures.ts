// What the engine tests share: one book brief and its outline, and a way to catch an engine's failure.
import { expect } from "vitest";
import { type BookBrief, EngineError, type Outline } from "@/engines/writing-engine";

/** A three-chapter, 3,000-word brief; tests add the optional fields (audience, tone) they exercise. */
export const workshopBrief: BookBrief = {
  title: "The Quiet Workshop",
  topic: "woodworking for beginners",
  goal: "Help a beginner build a first piece of furniture",
  language: "en",
  targetChapters: 3,
  targetWords: 3000,
};

/** An outline that fits `workshopBrief`. */
export const workshopOutline: Outline = {
  chapters: [
    { title: "Opening the Door", synopsis: "Ada opens the old workshop.", wordBudget: 1000 },
    { title: "Learning the Tools", synopsis: "Ada learns each tool in turn.", wordBudget: 1000 },
    { title: "The First Piece", synopsis: "Ada builds a wobbly stool.", wordBudget: 1000 },
  ],
};

/** The EngineError the promise rejects with; fails the test if it resolves or throws anything else. */
export async function engineFailure(promise: Promise<unknown>): Promise<EngineError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(EngineError);
    return error as EngineError;
  }
  throw new Error("expected the call to fail");
}
