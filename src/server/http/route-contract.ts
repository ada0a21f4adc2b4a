import "server-only";
import type { z } from "zod";

/**
 * What one exported route method answers, declared next to the handler: a JSON schema from
 * src/contracts (with its success status), or one of the non-JSON kinds. The route-contract test walks
 * every route file and checks that each method declares one, and validates the JSON answers against it.
 */
export type RouteContract =
  | { kind: "json"; response: z.ZodType; status: number }
  | { kind: "no-content" }
  /** Server-sent events, file downloads, redirects, HTML pages or a third party's protocol (better-auth). */
  | { kind: "stream" | "file" | "redirect" | "html" | "delegated" };

/** A route method carrying its declared contract (read by tests/api/route-contracts.test.ts). */
export type ContractRoute<Handler> = Handler & { contract: RouteContract };

/** The contract a route module's exported method declares, if any. */
export function contractOf(handler: unknown): RouteContract | undefined {
  return typeof handler === "function" ? (handler as { contract?: RouteContract }).contract : undefined;
}

/** Response bodies are checked against their schema outside production (development and tests). */
export function shouldCheckResponses(): boolean {
  return process.env.NODE_ENV !== "production";
}
