import { CrewAiEngine } from "@/engines/crewai-engine";
import { OpenAiCompatibleEngine, type OpenAiCompatibleSettings } from "@/engines/openai-compatible-engine";
import type { TokenUsage, WritingEngine } from "@/engines/writing-engine";
import type { AskFunction, CompleteFunction } from "./coherence-checker";

/**
 * The `complete` function of the coherence checker, on the project's OpenAI-compatible engine: the request
 * goes through `OpenAiCompatibleEngine.complete`, the same HTTP path as outlines (retries, timeouts, the
 * SSRF guard when the settings carry `refusePrivateAddresses`, JSON mode dropped if the provider refuses it).
 *
 * Which books get a coherence pass:
 * - OpenAI-compatible books: the book's own engine (pass it to `coherenceCompleteForEngine`), or the
 *   organization's OpenAI-compatible settings as `engineSettingsFor(org, "openai-compatible")` builds them.
 * - CrewAI books: the book's own crew, through the review kickoff of the crew contract (docs/crew/contract.md,
 *   `mode: "coherence_review"`): `coherenceAskForCrew`. No OpenAI-compatible provider is needed.
 * - Demo books: none (the demo engine cannot judge a text); `coherenceCompleteForEngine` answers undefined.
 */

/** Called with the tokens the coherence request used, when the provider reports them (for metering). */
export type UsageListener = (usage: TokenUsage) => void;

export function coherenceCompleteForEngine(
  engine: WritingEngine,
  onUsage?: UsageListener,
): CompleteFunction | undefined {
  if (!(engine instanceof OpenAiCompatibleEngine)) return undefined;
  return async (messages, { signal }) => {
    const { content, usage } = await engine.complete(messages, { signal, json: true, what: "the coherence check" });
    if (usage) onUsage?.(usage);
    return content;
  };
}

/** From OpenAI-compatible settings (baseUrl and model required), e.g. an organization's for a CrewAI book. */
export function coherenceCompleteFromSettings(
  settings: OpenAiCompatibleSettings,
  onUsage?: UsageListener,
): CompleteFunction | undefined {
  if (!settings.baseUrl || !settings.model) return undefined;
  return coherenceCompleteForEngine(new OpenAiCompatibleEngine(settings), onUsage);
}

/** The coherence question put to a CrewAI book's crew as a review run (undefined for any other engine). */
export function coherenceAskForCrew(engine: WritingEngine): AskFunction | undefined {
  if (!(engine instanceof CrewAiEngine)) return undefined;
  return (question, { signal }) => engine.reviewCoherence(question, signal);
}
