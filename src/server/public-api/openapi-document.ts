import "server-only";
import { z } from "zod";
import { apiScopes } from "@/contracts/api-keys";
import { rolePermissions, scopePermissions } from "@/server/auth/permissions";
import type { ApiOperation } from "./api-operation";
import { apiComponents, errorSchema } from "./v1-schemas";
import { v1 } from "./v1-operations";

type JsonSchema = Record<string, unknown>;
const COMPONENT_REF = "#/components/schemas/";

/** Scopes that grant an action (an API key needs one of them). */
export function scopesFor(action: ApiOperation["action"]): string[] {
  return apiScopes.filter((scope) => (scopePermissions[scope] as readonly string[]).includes(action));
}

// Zod 4 cannot describe a preprocess step (a transform) as JSON Schema; document the schema it feeds.
function describePreprocessedInput(ctx: { zodSchema: unknown; jsonSchema: JsonSchema }) {
  const def = (
    ctx.zodSchema as { _zod: { def: { type: string; in?: { _zod: { def: { type: string } } }; out?: z.ZodType } } }
  )._zod.def;
  if (def.type === "pipe" && def.in?._zod.def.type === "transform" && def.out) {
    const { $schema: _, ...out } = z.toJSONSchema(def.out, { io: "input", unrepresentable: "any" }) as JsonSchema;
    Object.assign(ctx.jsonSchema, out);
  }
}

// `metadata` below is the components registry, so descriptions given with .meta() (kept in Zod's global
// registry) would be dropped: carry them over.
function describeFromGlobalRegistry(ctx: { zodSchema: unknown; jsonSchema: JsonSchema }) {
  const description = z.globalRegistry.get(ctx.zodSchema as z.ZodType)?.description;
  if (description && ctx.jsonSchema.description === undefined) ctx.jsonSchema.description = description;
}

/** JSON Schema of a Zod schema, registered components as $refs to #/components/schemas. */
function jsonSchema(schema: z.ZodType, io: "input" | "output", components: Record<string, JsonSchema>): JsonSchema {
  const raw = z.toJSONSchema(schema, {
    target: "draft-2020-12",
    io,
    unrepresentable: "any",
    metadata: apiComponents,
    override: (ctx) => {
      describePreprocessedInput(ctx);
      describeFromGlobalRegistry(ctx);
    },
  }) as JsonSchema & { $defs?: Record<string, JsonSchema> };
  const { $schema: _, $defs, ...rest } = raw;
  const rewrite = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(rewrite);
    if (value && typeof value === "object") {
      return Object.fromEntries(
        Object.entries(value).map(([k, v]) => [
          k,
          k === "$ref" && typeof v === "string" ? v.replace("#/$defs/", COMPONENT_REF) : rewrite(v),
        ]),
      );
    }
    return value;
  };
  for (const [id, def] of Object.entries($defs ?? {})) components[id] ??= rewrite(def) as JsonSchema;
  const id = apiComponents.get(schema)?.id;
  if (id) {
    components[id] ??= rewrite(rest) as JsonSchema;
    return { $ref: `${COMPONENT_REF}${id}` };
  }
  return rewrite(rest) as JsonSchema;
}

const errorResponses: Record<number, string> = {
  400: "Invalid input (VALIDATION_FAILED, INVALID_JSON)",
  401: "Missing, invalid, revoked or expired API key (INVALID_API_KEY, API_KEY_REVOKED, API_KEY_EXPIRED)",
  402: "The plan does not allow it (PLAN_LIMIT_REACHED)",
  403: "The key's scopes or its creator's role do not allow it (INSUFFICIENT_SCOPE, FORBIDDEN)",
  404: "Not found in this organization (NOT_FOUND)",
  409: "Conflict with the resource's state, or the same Idempotency-Key still in flight",
  413: "The request body is larger than the operation's limit (PAYLOAD_TOO_LARGE)",
  422: "Idempotency-Key reused with a different request (IDEMPOTENCY_KEY_REUSED)",
  429: "Rate limit exceeded (RATE_LIMITED); see Retry-After",
};

const rateLimitHeaderDocs = {
  "X-RateLimit-Limit": { description: "Requests allowed per minute for this key", schema: { type: "integer" } },
  "X-RateLimit-Remaining": { description: "Requests left in the current window", schema: { type: "integer" } },
  "X-RateLimit-Reset": { description: "When the window resets (Unix time, seconds)", schema: { type: "integer" } },
};

function parameters(operation: ApiOperation, components: Record<string, JsonSchema>) {
  const out: JsonSchema[] = [];
  for (const [where, schema] of [
    ["path", operation.params],
    ["query", operation.query],
  ] as const) {
    if (!schema) continue;
    const object = jsonSchema(schema, "input", components) as {
      properties?: Record<string, JsonSchema>;
      required?: string[];
    };
    for (const [name, property] of Object.entries(object.properties ?? {})) {
      const { description, ...rest } = property;
      out.push({
        name,
        in: where,
        required: where === "path" || (object.required ?? []).includes(name),
        ...(description ? { description } : {}),
        schema: rest,
      });
    }
  }
  if (operation.method === "POST") {
    out.push({
      name: "Idempotency-Key",
      in: "header",
      required: false,
      description: "Makes the POST safe to retry: the first response is replayed for 24 h; nothing runs twice.",
      schema: { type: "string", maxLength: 255 },
    });
  }
  return out;
}

/** The OpenAPI 3.1 document of the v1 API, generated from the operations and their Zod schemas. */
export function openApiDocument(options: { serverUrl?: string } = {}) {
  const components: Record<string, JsonSchema> = {};
  const paths: Record<string, Record<string, JsonSchema>> = {};
  const errorRef = jsonSchema(errorSchema, "output", components);
  for (const operation of Object.values(v1) as ApiOperation[]) {
    const scopes = scopesFor(operation.action);
    const roles = rolePermissions[operation.action];
    const success = operation.success;
    const responses: Record<string, JsonSchema> = {
      [String(success.status)]: {
        description: success.description,
        headers: rateLimitHeaderDocs,
        ...(success.schema
          ? { content: { "application/json": { schema: jsonSchema(success.schema, "output", components) } } }
          : success.contentType
            ? { content: { [success.contentType]: { schema: { type: "string" } } } }
            : {}),
      },
    };
    const statuses = new Set([401, 403, 404, 429, ...(operation.errors ?? [])]);
    if (operation.params || operation.query || operation.body) statuses.add(400);
    if (operation.body) statuses.add(413);
    for (const status of [...statuses].sort()) {
      responses[String(status)] = {
        description: errorResponses[status] ?? "Error",
        content: { "application/json": { schema: errorRef } },
      };
    }
    paths[operation.path] ??= {};
    paths[operation.path]![operation.method.toLowerCase()] = {
      operationId: operation.operationId,
      summary: operation.summary,
      description: [
        operation.description,
        `Requires scope ${scopes.map((s) => `\`${s}\``).join(" or ")}; the key's creator must be ${roles.join(", ")}.`,
      ]
        .filter(Boolean)
        .join("\n\n"),
      tags: [operation.tag],
      "x-scopes": scopes,
      parameters: parameters(operation, components),
      ...(operation.body
        ? {
            requestBody: {
              required: true,
              content: { "application/json": { schema: jsonSchema(operation.body, "input", components) } },
            },
          }
        : {}),
      responses,
    };
  }
  return {
    openapi: "3.1.0" as const,
    info: {
      title: "Scriptorium API",
      version: "1.0.0",
      description:
        "Write whole books with AI. Authenticate with `Authorization: Bearer sk_live_…` (keys are created by " +
        "owners and admins in Settings → API keys). Every response carries X-RateLimit-* headers; errors use " +
        '`{ "error": { "code", "message", "field" } }`; dates are ISO 8601 (UTC).',
    },
    servers: [{ url: options.serverUrl ?? "/api/v1" }],
    security: [{ apiKey: [] }],
    tags: [...new Set((Object.values(v1) as ApiOperation[]).map((o) => o.tag))].map((name) => ({ name })),
    paths,
    components: {
      securitySchemes: {
        apiKey: { type: "http", scheme: "bearer", bearerFormat: "sk_live_…", description: "An API key" },
      },
      schemas: components,
    },
  };
}
export type OpenApiDocument = ReturnType<typeof openApiDocument>;

/** The outline of the document GET /api/v1/openapi.json answers (its full validity is tested with a validator). */
export const openApiDocumentSchema = z
  .object({
    openapi: z.literal("3.1.0"),
    info: z.object({ title: z.string(), version: z.string() }).loose(),
    paths: z.record(z.string(), z.record(z.string(), z.unknown())),
    components: z.object({ schemas: z.record(z.string(), z.unknown()) }).loose(),
  })
  .loose();
