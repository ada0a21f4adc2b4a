import { z } from "zod";

/*
 * The parts of CrewAI AMP's published API that Scriptorium uses, as our own Zod schemas: field names,
 * types and allowed values, nothing more. Objects are strict, so a fake that invents a field, or a client
 * that sends a parameter the platform does not define, fails tests/contracts/crewai.test.ts.
 *
 * Sources (crewAIInc/crewAI repository):
 *  - docs/enterprise-api.en.yaml, the OpenAPI document of a deployed crew ("CrewAI AMP API"): paths
 *    /inputs, /kickoff, /status/{kickoff_id} (newer revisions: /{kickoff_id}/status), /stop/{kickoff_id};
 *    components ExecutionRunning, ExecutionCompleted, ExecutionError, TaskResult, StopExecutionResponse,
 *    Error, ValidationError. None of these schemas lists required properties, so every field is optional
 *    except the discriminating `status`.
 *  - docs/en/enterprise/guides/kickoff-crew.mdx ("Stopping a Running Execution"): the stop answers, and the
 *    terminal states SUCCESS, FAILURE and REVOKED.
 *  - The "Webhook Output Examples" of the crew API guide (docs.crewai.com): the step, task and crew
 *    deliveries posted to stepWebhookUrl, taskWebhookUrl and crewWebhookUrl, with the kickoff's `meta`
 *    echoed in each.
 */

const meta = z.record(z.string(), z.unknown());

/** POST /kickoff request body: `inputs` required (string values), the rest optional. */
export const crewKickoffRequestSchema = z.strictObject({
  inputs: z.record(z.string(), z.string()),
  meta: meta.optional(),
  taskWebhookUrl: z.url().optional(),
  stepWebhookUrl: z.url().optional(),
  crewWebhookUrl: z.url().optional(),
});

/** POST /kickoff 200. */
export const crewKickoffResponseSchema = z.strictObject({ kickoff_id: z.string() });

/** GET /inputs 200. */
export const crewInputsResponseSchema = z.strictObject({ inputs: z.array(z.string()) });

/** components.TaskResult (inside a completed status). */
const taskResultSchema = z.strictObject({
  task_id: z.string().optional(),
  output: z.string().optional(),
  agent: z.string().optional(),
  execution_time: z.number().optional(),
});

/** components.ExecutionRunning. */
export const crewExecutionRunningSchema = z.strictObject({
  status: z.literal("running"),
  current_task: z.string().optional(),
  progress: z.strictObject({ completed_tasks: z.int().optional(), total_tasks: z.int().optional() }).optional(),
});

/** components.ExecutionCompleted. */
export const crewExecutionCompletedSchema = z.strictObject({
  status: z.literal("completed"),
  result: z.strictObject({ output: z.string().optional(), tasks: z.array(taskResultSchema).optional() }).optional(),
  execution_time: z.number().optional(),
});

/** components.ExecutionError. */
export const crewExecutionErrorSchema = z.strictObject({
  status: z.literal("error"),
  error: z.string().optional(),
  execution_time: z.number().optional(),
});

/** The documented status answer: one of running, completed, error (`oneOf` in the spec). */
export const crewDocumentedStatusSchema = z.discriminatedUnion("status", [
  crewExecutionRunningSchema,
  crewExecutionCompletedSchema,
  crewExecutionErrorSchema,
]);

/**
 * The one shape we accept that the OpenAPI document does not describe: deployments reporting the
 * underlying Celery task instead, `state` with Celery's states (the stop guide names SUCCESS, FAILURE and
 * REVOKED; PENDING, RECEIVED, STARTED and RETRY are Celery's others) and `result` as text. Kept to these two
 * fields so the fake cannot grow more.
 */
export const crewCeleryStatusSchema = z.strictObject({
  state: z.enum(["PENDING", "RECEIVED", "STARTED", "RETRY", "SUCCESS", "FAILURE", "REVOKED"]),
  result: z.string().nullable(),
});

/** GET /status/{kickoff_id} 200, in either form. */
export const crewStatusResponseSchema = z.union([crewDocumentedStatusSchema, crewCeleryStatusSchema]);

/** POST /stop/{kickoff_id} 200: components.StopExecutionResponse. */
export const crewStopResponseSchema = z.strictObject({
  status: z.literal("stopped"),
  kickoffId: z.string(),
});

/**
 * components.Error (401, 404, 500, and 400 on kickoff). The stop endpoint's 400 example, under the same
 * schema, carries `detail` ("Cannot stop execution. Current state: SUCCESS") instead, so it is allowed too.
 */
export const crewErrorSchema = z.strictObject({
  error: z.string().optional(),
  message: z.string().optional(),
  detail: z.string().optional(),
});

/** components.ValidationError (kickoff 422). */
export const crewValidationErrorSchema = z.strictObject({
  error: z.string().optional(),
  message: z.string().optional(),
  details: z.strictObject({ missing_inputs: z.array(z.string()).optional() }).optional(),
});

/** stepWebhookUrl delivery: after each agent thought or action. */
export const crewStepWebhookContract = z.strictObject({
  prompt: z.string(),
  thought: z.string(),
  tool: z.string(),
  tool_input: z.string(),
  result: z.string(),
  kickoff_id: z.string(),
  meta: meta.optional(),
});

/** taskWebhookUrl delivery: after each task. */
export const crewTaskWebhookContract = z.strictObject({
  description: z.string(),
  name: z.string(),
  expected_output: z.string(),
  summary: z.string(),
  agent: z.string(),
  output: z.string(),
  output_json: z.record(z.string(), z.unknown()).optional(),
  kickoff_id: z.string(),
  meta: meta.optional(),
});

/** crewWebhookUrl delivery: when the run completes. */
export const crewCompletedWebhookContract = z.strictObject({
  kickoff_id: z.string(),
  result: z.string(),
  result_json: z.record(z.string(), z.unknown()).optional(),
  token_usage: z.strictObject({
    total_tokens: z.int(),
    prompt_tokens: z.int(),
    completion_tokens: z.int(),
  }),
  meta: meta.optional(),
});

export const crewWebhookContracts = {
  step: crewStepWebhookContract,
  task: crewTaskWebhookContract,
  crew: crewCompletedWebhookContract,
} as const;

type Schema = z.ZodType;

/** The endpoints we call: method, path pattern, the request body (none = empty) and each answer's schema. */
export const crewEndpoints: {
  method: "GET" | "POST";
  path: RegExp;
  request?: Schema;
  responses: Record<number, Schema>;
}[] = [
  {
    method: "GET",
    path: /^\/inputs$/,
    responses: { 200: crewInputsResponseSchema, 401: crewErrorSchema, 404: crewErrorSchema, 500: crewErrorSchema },
  },
  {
    method: "POST",
    path: /^\/kickoff$/,
    request: crewKickoffRequestSchema,
    responses: {
      200: crewKickoffResponseSchema,
      400: crewErrorSchema,
      401: crewErrorSchema,
      422: crewValidationErrorSchema,
      500: crewErrorSchema,
    },
  },
  {
    method: "GET",
    path: /^\/(status\/[^/]+|[^/]+\/status)$/,
    responses: { 200: crewStatusResponseSchema, 401: crewErrorSchema, 404: crewErrorSchema, 500: crewErrorSchema },
  },
  {
    method: "POST",
    path: /^\/stop\/[^/]+$/,
    responses: {
      200: crewStopResponseSchema,
      400: crewErrorSchema,
      401: crewErrorSchema,
      404: crewErrorSchema,
      500: crewErrorSchema,
    },
  },
];

/** The documented endpoint a request goes to, or undefined for a path the platform does not define. */
export function crewEndpointFor(method: string, path: string) {
  return crewEndpoints.find((endpoint) => endpoint.method === method && endpoint.path.test(path));
}

/*
 * The book crew contract (docs/crew/contract.md): not CrewAI's platform API but what Scriptorium and a
 * book crew agree on, carried inside it. Every kickoff's `inputs` names the brief fields and the mode
 * inputs; a book run sends no outline or excerpts, a coherence review sends both; a review run's result
 * is the findings JSON, each finding naming its chapter and quoting it.
 */
const brief = {
  title: z.string(),
  topic: z.string(),
  goal: z.string(),
  audience: z.string(),
  language: z.string(),
  tone: z.string(),
  target_chapters: z.string(),
  target_words: z.string(),
};
export const bookCrewInputsSchema = z.discriminatedUnion("mode", [
  z.strictObject({ ...brief, mode: z.literal("write_book"), outline: z.literal(""), excerpts: z.literal("") }),
  z.strictObject({
    ...brief,
    title: z.string().min(1),
    language: z.string().min(2),
    mode: z.literal("coherence_review"),
    outline: z.string().min(1),
    excerpts: z.string().min(1),
  }),
]);

/** The result of a review run: `{ "findings": [...] }` (the coherence checker reads nothing else). */
export const crewReviewResultSchema = z.strictObject({
  findings: z.array(
    z.strictObject({
      chapterOrder: z.int().optional(),
      chapterTitle: z.string().optional(),
      quote: z.string().min(3),
      message: z.string().min(1),
      severity: z.enum(["INFO", "WARNING", "ERROR", "CRITICAL"]).optional(),
      suggestion: z.string().optional(),
    }),
  ),
});
