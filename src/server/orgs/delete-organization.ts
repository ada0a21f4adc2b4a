import "server-only";
import type { z } from "zod";
import { deleteOrganizationBody } from "@/contracts/organizations";
import { assertCan } from "@/server/auth/permissions";
import { recordActivity } from "@/server/activity/record-activity";
import type { Ctx } from "@/server/context";
import { AppError } from "@/server/errors";
import {
  enqueueStoredFilesRemoval,
  organizationFileKeys,
  storageSnapshot,
} from "@/server/storage-settings/remove-stored-files";

/**
 * Deletes the active organization and everything it owns (OWNER only, after typing its slug); its stored
 * files are removed by a job afterwards.
 * The deletion is logged without an organization (the org's own log goes with it).
 */
export async function deleteOrganization(ctx: Ctx, input: z.input<typeof deleteOrganizationBody>) {
  assertCan(ctx.actor, "org:delete");
  const { confirmSlug } = deleteOrganizationBody.parse(input);
  const removal = await ctx.db.$transaction(async (tx) => {
    const organization = await tx.organization.findUniqueOrThrow({ where: { id: ctx.actor.organizationId } });
    if (organization.slug !== confirmSlug.toLowerCase()) {
      throw new AppError("VALIDATION_FAILED", "The URL name you typed does not match", { field: "confirmSlug" });
    }
    // The files outlive the rows: note where they are and which, to remove them once this commits.
    const storage = storageSnapshot(await tx.storageConfig.findUnique({ where: { organizationId: organization.id } }));
    const keys = await organizationFileKeys(tx, organization.id);
    await tx.organization.delete({ where: { id: organization.id } });
    await recordActivity(tx, {
      action: "org.deleted",
      resource: "organization",
      resourceId: organization.id,
      actorId: ctx.actor.userId,
      metadata: { name: organization.name, slug: organization.slug, files: keys.length },
      ...ctx.meta,
    });
    return { organizationId: organization.id, reason: "organization_deleted" as const, storage, keys };
  });
  await enqueueStoredFilesRemoval(removal);
}
