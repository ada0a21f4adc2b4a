import { estimateGenerationInput, generationEstimateSchema } from "@/contracts/generation-estimate";
import { orgContext } from "@/server/auth/org-context";
import { estimateGeneration, estimateOptionsFromEnv } from "@/server/books/estimate-generation";
import { parseQuery } from "@/server/http/handle-route";
import { jsonRoute } from "@/server/http/json-route";

/** The new-book form's live estimate: tokens (and cost, where the organization priced its engine). */
export const GET = jsonRoute({ response: generationEstimateSchema }, async (request) => {
  const ctx = await orgContext(request, "usage:read");
  return estimateGeneration(ctx, parseQuery(request, estimateGenerationInput), estimateOptionsFromEnv());
});
