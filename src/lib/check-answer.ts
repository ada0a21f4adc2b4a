import type { z } from "zod";
import * as contracts from "@/contracts/responses";
import type { ContractName } from "./contract-names";
import "./zod-browser-config";

/**
 * Checks an answer against the contract it is named by; null when it matches, else the issues in one line.
 * Loaded by apiFetch outside production only, so production pages carry neither Zod nor the schemas.
 */
export function contractMismatch(name: ContractName, body: unknown): string | null {
  // biome-ignore lint/performance/noDynamicNamespaceImportAccess: any contract may be named; never shipped to production
  const schema: z.ZodType = contracts[name];
  const checked = schema.safeParse(body);
  if (checked.success) return null;
  return checked.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`).join("; ");
}
