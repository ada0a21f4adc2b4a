import "server-only";
import { expireLapsedSubscriptions } from "@/server/billing/expire-lapsed-subscriptions";
import { purgeAuthThrottles } from "@/server/auth/purge-auth-throttles";
import { expireBookInvitations } from "@/server/collaborators/expire-book-invitations";
import { expireInvitations } from "@/server/orgs/expire-invitations";
import { purgeApiRecords } from "@/server/public-api/purge-api-records";
import { defineQueue } from "@/server/queue/define-queue";

// Housekeeping that pg-boss's cron sends on a schedule (UTC); each handler calls a use case and logs.

export const EXPIRE_INVITATIONS_JOB = "maintenance.expire-invitations";
export const PURGE_API_RECORDS_JOB = "maintenance.purge-api-records";
export const PURGE_AUTH_THROTTLES_JOB = "maintenance.purge-auth-throttles";
export const EXPIRE_LAPSED_SUBSCRIPTIONS_JOB = "maintenance.expire-lapsed-subscriptions";

export const expireInvitationsQueue = defineQueue({
  name: EXPIRE_INVITATIONS_JOB,
  cron: "*/15 * * * *",
  async handler(_jobs, deps) {
    const expired = await expireInvitations(deps.db);
    if (expired > 0) deps.log(`${EXPIRE_INVITATIONS_JOB}: ${expired} invitation(s) expired`);
    const expiredShares = await expireBookInvitations(deps.db);
    if (expiredShares > 0) deps.log(`${EXPIRE_INVITATIONS_JOB}: ${expiredShares} book invitation(s) expired`);
  },
});

export const purgeApiRecordsQueue = defineQueue({
  name: PURGE_API_RECORDS_JOB,
  cron: "*/10 * * * *",
  async handler(_jobs, deps) {
    const purged = await purgeApiRecords(deps.db);
    deps.log(
      `${PURGE_API_RECORDS_JOB}: ${purged.buckets} rate-limit bucket(s), ${purged.idempotencyKeys} idempotency key(s)`,
    );
  },
});

export const purgeAuthThrottlesQueue = defineQueue({
  name: PURGE_AUTH_THROTTLES_JOB,
  cron: "7 * * * *",
  async handler(_jobs, deps) {
    const purged = await purgeAuthThrottles(deps.db);
    if (purged > 0) deps.log(`${PURGE_AUTH_THROTTLES_JOB}: ${purged} expired sign-in/email counter(s)`);
  },
});

export const expireLapsedSubscriptionsQueue = defineQueue({
  name: EXPIRE_LAPSED_SUBSCRIPTIONS_JOB,
  cron: "23 * * * *",
  async handler(_jobs, deps) {
    const expired = await expireLapsedSubscriptions(deps.db);
    if (expired > 0) deps.log(`${EXPIRE_LAPSED_SUBSCRIPTIONS_JOB}: ${expired} organization(s) back to FREE`);
  },
});
