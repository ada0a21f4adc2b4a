import { z } from "zod";
import { bookSchema, bookWithJobSchema } from "@/contracts/books";
import { type ApiError, toApiError } from "@/lib/api-fetch";
import type { PlanLimit } from "./plan-limit-alert";

/** The extra details a 402 PLAN_LIMIT_REACHED carries: a monthly count, or a `feature` the plan lacks. */
const planLimitDetails = z.object({
  error: z.object({
    limit: z.number().optional(),
    used: z.number().optional(),
    upgradeTo: z.string().nullish(),
    feature: z.string().optional(),
  }),
});

/** The created book: its whole contract is checked in development and tests, only its id in production (as apiFetch). */
const createdSchema =
  process.env.NODE_ENV === "production" ? z.object({ book: bookSchema.pick({ id: true }) }) : bookWithJobSchema;

export type CreateBookOutcome =
  | { kind: "created"; bookId: string }
  | { kind: "network" }
  /** A plan without real engines refuses them (same code, a `feature` instead of a monthly count). */
  | { kind: "planEngine"; upgradeTo: string | null }
  | { kind: "planLimit"; planLimit: PlanLimit }
  | { kind: "failed"; error: ApiError };

/**
 * POST /api/books. A plain fetch rather than apiFetch: a refusal's plan details (limit, used, feature) are
 * read from the error body, which ApiError does not keep.
 */
export async function createBookRequest(body: unknown): Promise<CreateBookOutcome> {
  let response: Response;
  try {
    response = await fetch("/api/books", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
      credentials: "same-origin",
    });
  } catch {
    return { kind: "network" };
  }
  const json: unknown = await response.json().catch(() => null);
  const created = createdSchema.safeParse(json);
  if (response.ok && created.success) return { kind: "created", bookId: created.data.book.id };
  const error = toApiError(response.status, json);
  if (error.code === "PLAN_LIMIT_REACHED") {
    const details = planLimitDetails.safeParse(json);
    const raw = details.success ? details.data.error : undefined;
    if (raw?.feature) return { kind: "planEngine", upgradeTo: raw.upgradeTo ?? null };
    return {
      kind: "planLimit",
      planLimit: { limit: raw?.limit ?? 0, used: raw?.used ?? 0, upgradeTo: raw?.upgradeTo ?? null },
    };
  }
  return { kind: "failed", error };
}
