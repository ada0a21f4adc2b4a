import { type CrewAiWebhookAnswer, crewAiWebhookAnswerSchema } from "@/contracts/webhooks";
import { db } from "@/server/db/client";
import { jsonRoute } from "@/server/http/json-route";
import { CREWAI_WEBHOOK_LIMIT_BYTES, readBodyText } from "@/server/http/read-body";
import { handleCrewAiWebhook } from "@/server/generation/handle-crewai-webhook";

type Params = { params: Promise<{ jobId: string }> };

// CrewAI posts here with the per-job secret it was given at kickoff (no session, no cookies); the body is
// read raw (capped), whatever Content-Type the crew sends.
export const POST = jsonRoute(
  { response: crewAiWebhookAnswerSchema, anyContentType: true },
  async (request, { params }: Params): Promise<CrewAiWebhookAnswer> => {
    const url = new URL(request.url);
    const result = await handleCrewAiWebhook(db(), {
      jobId: (await params).jobId,
      token: url.searchParams.get("token") ?? request.headers.get("x-webhook-token"),
      kind: url.searchParams.get("kind"),
      rawBody: await readBodyText(request, CREWAI_WEBHOOK_LIMIT_BYTES),
    });
    return { ok: true, ...result };
  },
);
