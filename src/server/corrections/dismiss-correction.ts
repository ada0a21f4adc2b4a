import "server-only";
import { type Correction, type DismissCorrectionInput, dismissCorrectionInputSchema } from "@/contracts/corrections";
import { recordActivity } from "@/server/activity/record-activity";
import { assertCan } from "@/server/auth/permissions";
import { settleSuggestion } from "@/server/comments/notify-suggestion-outcome";
import type { Ctx } from "@/server/context";
import { AppError } from "@/server/errors";
import { findCorrection, loadCorrectionView } from "./find-correction";

/**
 * Dismisses an OPEN finding (writers): REJECTED with the optional reason. Its fingerprint keeps it
 * dismissed through every later check. Logged as `correction.dismissed`; a person's suggestion also tells its author
 * (`suggestion.rejected`).
 */
export async function dismissCorrection(
  ctx: Ctx,
  correctionId: string,
  input: DismissCorrectionInput,
): Promise<Correction> {
  assertCan(ctx.actor, "correction:resolve");
  const data = dismissCorrectionInputSchema.parse(input);
  return ctx.db.$transaction(async (tx) => {
    const found = await findCorrection(tx, ctx.actor, correctionId);
    const rejected = {
      status: "REJECTED" as const,
      resolvedById: ctx.actor.userId,
      resolvedAt: new Date(),
      resolutionNote: data.reason || null,
    };
    const where = { id: found.row.id, status: "OPEN" as const };
    const { count } =
      found.scope === "CHAPTER"
        ? await tx.chapterCorrection.updateMany({ where, data: rejected })
        : await tx.bookCorrection.updateMany({ where, data: rejected });
    if (count === 0) {
      throw new AppError("CONFLICT", `This finding is already ${found.row.status.toLowerCase()}`, {
        details: { status: found.row.status },
      });
    }
    await recordActivity(tx, {
      action: "correction.dismissed",
      resource: "book",
      resourceId: found.bookId,
      organizationId: ctx.actor.organizationId,
      actorId: ctx.actor.userId,
      metadata: { correctionId: found.row.id, ruleId: found.row.ruleId, reason: data.reason ?? null },
      ...ctx.meta,
    });
    await settleSuggestion(tx, ctx, found.row, found.bookId, "rejected");
    return loadCorrectionView(tx, { scope: found.scope, bookId: found.bookId, id: found.row.id });
  });
}
