import {
  addUsage,
  type BookBrief,
  EngineError,
  type Outline,
  type TokenUsage,
  validateOutline,
  type WritingEngine,
} from "./writing-engine";

export interface GenerateOutlineOptions {
  /** Total outline calls, the first included. */
  attempts?: number;
  signal?: AbortSignal;
}

export interface GeneratedOutline {
  /** Validated outline whose budgets sum exactly to `brief.targetWords`. */
  outline: Outline;
  /** Tokens of every attempt, the rejected ones included. */
  usage?: TokenUsage;
  attempts: number;
}

/**
 * Asks the engine for an outline until it passes `validateOutline`, feeding each rejection reason back to
 * the model as `feedback` (models fix a precise complaint far more reliably than they obey a re-roll).
 */
export async function generateOutlineWithRetries(
  engine: WritingEngine,
  brief: BookBrief,
  options: GenerateOutlineOptions = {},
): Promise<GeneratedOutline> {
  const attempts = Math.max(1, options.attempts ?? 3);
  let feedback: string | undefined;
  let usage: TokenUsage | undefined;

  for (let attempt = 1; attempt <= attempts; attempt++) {
    let raw: unknown;
    try {
      const result = await engine.outline({ brief, feedback }, options.signal);
      usage = addUsage(usage, result.usage);
      raw = result.outline;
    } catch (error) {
      if (!(error instanceof EngineError && error.code === "INVALID_OUTLINE")) throw error;
      usage = addUsage(usage, error.usage);
      feedback = error.message;
      continue;
    }
    const checked = validateOutline(raw, brief);
    if (checked.ok) return { outline: checked.outline, usage, attempts: attempt };
    feedback = checked.error;
  }
  throw new EngineError("INVALID_OUTLINE", `The outline was still invalid after ${attempts} attempts: ${feedback}`, {
    usage,
  });
}
