import { z } from "zod";

/**
 * Schemas of the webhooks CrewAI AMP posts during a run (shapes documented in crewai-client.ts).
 * Parsing only: the route, its per-job token check, idempotency (WebhookEvent) and persistence belong to
 * the generation pipeline. Objects are loose because the platform adds fields over time; only what we
 * read is required.
 */

const meta = z.record(z.string(), z.unknown()).optional();
const optionalText = z.string().optional().nullable();

/** `taskWebhookUrl`: one delivery after each task of the crew completes. */
export const crewTaskWebhookSchema = z.looseObject({
  kickoff_id: z.string().min(1),
  name: optionalText,
  description: optionalText,
  expected_output: optionalText,
  summary: optionalText,
  agent: optionalText,
  output: optionalText,
  output_json: z.unknown().optional(),
  meta,
});
export type CrewTaskWebhook = z.infer<typeof crewTaskWebhookSchema>;

/** `stepWebhookUrl`: one delivery per agent thought or tool action. */
export const crewStepWebhookSchema = z.looseObject({
  kickoff_id: z.string().min(1),
  prompt: optionalText,
  thought: optionalText,
  tool: optionalText,
  tool_input: z.unknown().optional(),
  result: z.unknown().optional(),
  meta,
});
export type CrewStepWebhook = z.infer<typeof crewStepWebhookSchema>;

/** `crewWebhookUrl`: one delivery when the whole run ends, with the final output and token usage. */
export const crewCompletedWebhookSchema = z.looseObject({
  kickoff_id: z.string().min(1),
  result: optionalText,
  result_json: z.unknown().optional(),
  token_usage: z
    .looseObject({
      total_tokens: z.number().optional(),
      prompt_tokens: z.number().optional(),
      completion_tokens: z.number().optional(),
    })
    .optional()
    .nullable(),
  meta,
});
export type CrewCompletedWebhook = z.infer<typeof crewCompletedWebhookSchema>;

/** The newer "webhook streaming" delivery: a batch of typed events (crew_kickoff_started, …). */
export const crewEventStreamWebhookSchema = z.looseObject({
  events: z.array(
    z.looseObject({
      id: z.string(),
      execution_id: z.string(),
      timestamp: z.string(),
      type: z.string(),
      data: z.unknown().optional(),
    }),
  ),
});
export type CrewEventStreamWebhook = z.infer<typeof crewEventStreamWebhookSchema>;

export type CrewWebhookKind = "task" | "step" | "crew";

const schemas = {
  task: crewTaskWebhookSchema,
  step: crewStepWebhookSchema,
  crew: crewCompletedWebhookSchema,
} as const;

export type CrewWebhook =
  | { kind: "task"; payload: CrewTaskWebhook }
  | { kind: "step"; payload: CrewStepWebhook }
  | { kind: "crew"; payload: CrewCompletedWebhook };

/** Parses a delivery of the given kind (the pipeline knows it from the URL it registered); throws on a bad body. */
export function parseCrewWebhook(kind: CrewWebhookKind, body: unknown): CrewWebhook {
  return { kind, payload: schemas[kind].parse(body) } as CrewWebhook;
}

/** Token usage of a completed-crew webhook in the engines' shape, when the platform reported it. */
export function crewWebhookUsage(
  payload: CrewCompletedWebhook,
): { promptTokens: number; completionTokens: number } | undefined {
  const usage = payload.token_usage;
  if (!usage || typeof usage.prompt_tokens !== "number" || typeof usage.completion_tokens !== "number")
    return undefined;
  return { promptTokens: usage.prompt_tokens, completionTokens: usage.completion_tokens };
}
