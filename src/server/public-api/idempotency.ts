import "server-only";
import { createHash, randomUUID } from "node:crypto";
import { z } from "zod";
import type { Actor } from "@/server/auth/permissions";
import type { Db } from "@/server/db/client";
import { AppError } from "@/server/errors";

/** How long a stored response is replayed for a retried request. */
export const IDEMPOTENCY_TTL_MS = 24 * 3600_000;
/** How long a duplicate waits for the first request (still running) before it gets 409. */
const IN_FLIGHT_WAIT_MS = 15_000;
const POLL_MS = 50;

export const idempotencyKeySchema = z
  .string()
  .min(1)
  .max(255)
  .regex(/^[\x21-\x7e]+$/, "validation.text.printableAscii");

/** Fingerprint of a request: a key replayed with another method, path or body is a client bug. */
export function requestHash(method: string, path: string, body: string): string {
  return createHash("sha256").update(`${method}\n${path}\n${body}`).digest("hex");
}

/**
 * Whose Idempotency-Keys these are: each API key has its own (two integrations of one organization may
 * pick the same key without one getting the other's response), and a session user theirs.
 */
export function idempotencyCaller(actor: Pick<Actor, "via" | "apiKeyId" | "userId">): string {
  if (actor.via === "apiKey") {
    if (!actor.apiKeyId) throw new Error("An API key actor without its key id");
    return `key:${actor.apiKeyId}`;
  }
  return `user:${actor.userId}`;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function replay(row: { status: number | null; responseBody: unknown }): Response {
  const headers = { "idempotent-replayed": "true" };
  if (row.status === 204 || row.responseBody === null) return new Response(null, { status: row.status!, headers });
  return Response.json(row.responseBody, { status: row.status!, headers });
}

/**
 * Runs a POST at most once per caller (API key or session user, see idempotencyCaller) and Idempotency-Key.
 * The unique (organizationId, caller, key) row is claimed before running: the first request executes and stores its 2xx response; a retry with the same
 * request gets that response back (nothing runs again); a concurrent duplicate waits for the first and
 * replays it (409 IDEMPOTENCY_KEY_IN_USE if it takes too long); the same key with another request is
 * 422 IDEMPOTENCY_KEY_REUSED. Failures release the key, so a retry runs again.
 */
export async function withIdempotency(
  client: Db,
  options: { organizationId: string; caller: string; key: string; method: string; path: string; body: string },
  execute: () => Promise<Response>,
): Promise<Response> {
  const parsedKey = idempotencyKeySchema.safeParse(options.key);
  if (!parsedKey.success) {
    throw new AppError("VALIDATION_FAILED", `Idempotency-Key: ${parsedKey.error.issues[0]?.message}`, {
      field: "Idempotency-Key",
    });
  }
  const hash = requestHash(options.method, options.path, options.body);
  const deadline = Date.now() + IN_FLIGHT_WAIT_MS;
  for (;;) {
    const claimed = await client.$queryRaw<{ id: string }[]>`
      INSERT INTO "IdempotencyKey" ("id", "organizationId", "caller", "key", "method", "path", "requestHash", "expiresAt")
      VALUES (${randomUUID()}, ${options.organizationId}, ${options.caller}, ${options.key}, ${options.method},
              ${options.path}, ${hash}, ${new Date(Date.now() + IDEMPOTENCY_TTL_MS).toISOString()}::timestamp)
      ON CONFLICT ("organizationId", "caller", "key") DO NOTHING
      RETURNING "id"`;
    const claimedId = claimed[0]?.id;
    if (claimedId) return runAndStore(client, claimedId, execute);

    const existing = await client.idempotencyKey.findUnique({
      where: {
        organizationId_caller_key: { organizationId: options.organizationId, caller: options.caller, key: options.key },
      },
    });
    if (!existing) continue; // released by a failed first attempt: claim it ourselves
    if (existing.expiresAt.getTime() <= Date.now()) {
      await client.idempotencyKey.deleteMany({ where: { id: existing.id, expiresAt: { lte: new Date() } } });
      continue;
    }
    if (existing.requestHash !== hash) {
      throw new AppError(
        "IDEMPOTENCY_KEY_REUSED",
        "This Idempotency-Key was already used with a different request (method, path or body)",
        { field: "Idempotency-Key" },
      );
    }
    if (existing.status !== null) return replay(existing);
    if (Date.now() >= deadline) {
      throw new AppError("IDEMPOTENCY_KEY_IN_USE", "A request with this Idempotency-Key is still being processed", {
        field: "Idempotency-Key",
      });
    }
    await sleep(POLL_MS);
  }
}

async function runAndStore(client: Db, id: string, execute: () => Promise<Response>): Promise<Response> {
  let response: Response;
  try {
    response = await execute();
  } catch (error) {
    await client.idempotencyKey.delete({ where: { id } });
    throw error;
  }
  if (response.status < 200 || response.status >= 300) {
    await client.idempotencyKey.delete({ where: { id } });
    return response;
  }
  const text = await response.clone().text();
  let body: unknown = null;
  if (text) {
    try {
      body = JSON.parse(text);
    } catch {
      // Not JSON (POST responses of this API are): do not pretend we can replay it.
      await client.idempotencyKey.delete({ where: { id } });
      return response;
    }
  }
  await client.idempotencyKey.update({
    where: { id },
    data: { status: response.status, responseBody: body === null ? undefined : (body as object) },
  });
  return response;
}
