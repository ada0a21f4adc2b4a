import "server-only";
import { randomUUID } from "node:crypto";
import { z } from "zod";
import type { StorageConnectionResult, StorageTestStep } from "@/contracts/storage-settings";
import { assertCan } from "@/server/auth/permissions";
import { assertPlanAllows } from "@/server/billing/plans";
import type { Ctx } from "@/server/context";
import { authSecret } from "@/server/env";
import { storageConfigFromRecord } from "@/storage/storage-config";
import type { StorageProvider } from "@/storage/storage-provider";
import { organizationStorage, storageProviderFor } from "./organization-storage";
import {
  assertStorageEndpointsResolvePublic,
  resolveStorageSettings,
  storageSettingsInput,
} from "./storage-settings-input";

/** Empty body: test the saved (or platform) storage; a settings form: test it before saving. */
export const testStorageConnectionInput = z.preprocess(
  (v) => (v && typeof v === "object" && "provider" in v ? v : undefined),
  storageSettingsInput.optional(),
);

const TIMEOUT_MS = 15_000;

function withTimeout<T>(promise: Promise<T>, step: StorageTestStep): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`No answer within ${TIMEOUT_MS / 1000} s (${step})`)), TIMEOUT_MS);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

async function probe(provider: StorageProvider, organizationId: string): Promise<StorageConnectionResult> {
  const key = `${organizationId}/connection-tests/${randomUUID()}.txt`;
  const bytes = new TextEncoder().encode(`Scriptorium connection test ${new Date().toISOString()}\n`);
  const started = performance.now();
  let step: StorageTestStep = "write";
  try {
    await withTimeout(provider.put(key, bytes, "text/plain; charset=utf-8"), step);
    step = "read";
    const back = await withTimeout(provider.get(key), step);
    if (Buffer.compare(Buffer.from(back.bytes), Buffer.from(bytes)) !== 0) {
      throw new Error("The object read back differs from the one written");
    }
    step = "sign";
    await withTimeout(provider.url(key, { expiresIn: 60 }), step);
    step = "delete";
    await withTimeout(provider.delete(key), step);
    return { ok: true, provider: provider.type, latencyMs: Math.round(performance.now() - started) };
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    return {
      ok: false,
      provider: provider.type,
      step,
      error: {
        code: typeof code === "string" ? code : "PROVIDER_ERROR",
        message: error instanceof Error ? error.message : String(error),
      },
    };
  }
}

/**
 * Writes, reads back, signs and deletes a small object (OWNER/ADMIN), on the saved storage or on settings
 * not saved yet (blank credentials reuse the stored ones, as saving would). A failure is a result, not an error.
 */
export async function testStorageConnection(
  ctx: Ctx,
  input: z.infer<typeof testStorageConnectionInput>,
): Promise<StorageConnectionResult> {
  assertCan(ctx.actor, "settings:update");
  const organizationId = ctx.actor.organizationId;
  let provider: StorageProvider;
  if (input && input.provider !== "LOCAL") await assertPlanAllows(ctx, organizationId, "customStorage");
  if (input) {
    await assertStorageEndpointsResolvePublic(input);
    const existing = await ctx.db.storageConfig.findUnique({ where: { organizationId } });
    const resolved = resolveStorageSettings(
      input,
      existing,
      () => (existing ? storageConfigFromRecord(existing, authSecret()).credentials : undefined),
      storageProviderFor,
    );
    provider = storageProviderFor(resolved.config);
  } else {
    try {
      provider = (await organizationStorage(ctx.db, organizationId)).provider;
    } catch (error) {
      // Saved settings that no longer build (e.g. credentials sealed with a rotated app secret).
      const message = error instanceof Error ? error.message : String(error);
      return { ok: false, provider: "UNKNOWN", step: "configure", error: { code: "MISCONFIGURED", message } };
    }
  }
  return probe(provider, organizationId);
}
