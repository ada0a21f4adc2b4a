import { db } from "@/server/db/client";
import { handleRoute } from "@/server/http/handle-route";
import { CREWAI_WEBHOOK_LIMIT_BYTES, readBodyText } from "@/server/http/read-body";
import { handleCrewAiWebhook } from "@/server/generation/handle-crewai-webhook";

type Params = { params: Promise<{ jobId: string }> };

// CrewAI posts here with the per-job secret it was given at kickoff (no session, no cookies); the body is
// read raw (capped), whatever Content-Type the crew sends.
export const POST = handleRoute(
  async (request, { params }: Params) => {
    const url = new URL(request.url);
    const result = await handleCrewAiWebhook(db(), {
      jobId: (await params).jobId,
      token: url.searchParams.get("token") ?? request.headers.get("x-webhook-token"),
      kind: url.searchParams.get("kind"),
      rawBody: await readBodyText(request, CREWAI_WEBHOOK_LIMIT_BYTES),
    });
    return Response.json({ ok: true, ...result });
  },
  { anyContentType: true },
);
