import { type ApiError, apiFetch } from "@/lib/api-fetch";

/**
 * Accepts or declines an invitation addressed to the signed-in user. Accepting joins the organization and
 * makes it the active one, so the caller then loads /app afresh.
 */
export async function answerInvitation(
  invitationId: string,
  answer: "accept" | "decline",
): Promise<{ ok: true } | { ok: false; error: ApiError }> {
  const path = `/api/invitations/${encodeURIComponent(invitationId)}/${answer}`;
  const result =
    answer === "accept"
      ? await apiFetch(path, { method: "POST", schema: "acceptedInvitationResponse" })
      : await apiFetch(path, { method: "POST", schema: null });
  return result.ok ? { ok: true } : { ok: false, error: result.error };
}
