import "server-only";
import { betterAuth } from "better-auth";
import { prismaAdapter } from "better-auth/adapters/prisma";
import { APIError, createAuthMiddleware, getSessionFromCtx } from "better-auth/api";
import { recordActivity } from "@/server/activity/record-activity";
import { db } from "@/server/db/client";
import { linkEmail } from "@/server/email/email-templates";
import { sendThrottledEmail } from "@/server/email/send-throttled-email";
import { authSecret, env } from "@/server/env";
import { clientIp, metaFromHeaders } from "@/server/http/request-meta";
import { trustedOrigins } from "@/server/http/request-origin";
import { newCuid } from "./new-id";
import { releaseSignInAttempt, reserveSignInAttempt, throttleKeys } from "./sign-in-throttle";
import { invalidUserField, withinUserFieldLimits } from "./user-fields";

type HookCtx = { request?: Request; headers?: Headers } | null | undefined;
const hookHeaders = (ctx: HookCtx) => ctx?.headers ?? ctx?.request?.headers;
const requestMeta = (ctx: HookCtx) => metaFromHeaders(hookHeaders(ctx));

/** A user's own account event (signed up, verified the address, reset the password) with the request's address. */
const recordUserEvent = (
  action: "user.signup" | "user.email_verified" | "user.password_reset",
  userId: string,
  meta: ReturnType<typeof requestMeta>,
) => recordActivity(db(), { action, resource: "user", resourceId: userId, actorId: userId, ...meta });
const signInKeys = (ctx: HookCtx & { body?: { email?: unknown } }) => {
  const headers = hookHeaders(ctx);
  return throttleKeys(ctx?.body?.email, headers ? clientIp(headers) : null);
};

function socialProviders() {
  const e = env();
  const providers: Record<string, { clientId: string; clientSecret: string }> = {};
  if (e.GITHUB_CLIENT_ID && e.GITHUB_CLIENT_SECRET)
    providers.github = { clientId: e.GITHUB_CLIENT_ID, clientSecret: e.GITHUB_CLIENT_SECRET };
  if (e.GOOGLE_CLIENT_ID && e.GOOGLE_CLIENT_SECRET)
    providers.google = { clientId: e.GOOGLE_CLIENT_ID, clientSecret: e.GOOGLE_CLIENT_SECRET };
  return providers;
}

/** OAuth providers enabled by environment variables (shown as buttons on the sign-in page). */
export const enabledSocialProviders = () => Object.keys(socialProviders());

/** The organization a user's newest session was in, if still a member; else their oldest membership. */
async function lastActiveOrganization(userId: string): Promise<string | null> {
  const previous = await db().session.findFirst({
    where: { userId, activeOrganization: { members: { some: { userId } } } },
    orderBy: { updatedAt: "desc" },
    select: { activeOrganizationId: true },
  });
  if (previous?.activeOrganizationId) return previous.activeOrganizationId;
  const first = await db().organizationMember.findFirst({
    where: { userId },
    orderBy: { createdAt: "asc" },
    select: { organizationId: true },
  });
  return first?.organizationId ?? null;
}

function createAuth() {
  const e = env();
  return betterAuth({
    appName: "Scriptorium",
    logger: { level: e.NODE_ENV === "test" ? "error" : "warn" },
    baseURL: e.APP_URL,
    basePath: "/api/auth",
    secret: authSecret(),
    trustedOrigins: trustedOrigins(e.APP_URL),
    database: prismaAdapter(db(), { provider: "postgresql" }),
    user: {
      modelName: "user",
      additionalFields: {
        role: { type: "string", required: false, input: false, defaultValue: "USER" },
        locale: { type: "string", required: false, input: true, defaultValue: "en" },
      },
    },
    session: {
      modelName: "session",
      fields: { token: "sessionToken", expiresAt: "expires" },
      additionalFields: { activeOrganizationId: { type: "string", required: false, input: false } },
      expiresIn: 60 * 60 * 24 * 30,
      updateAge: 60 * 60 * 24,
    },
    account: {
      modelName: "account",
      fields: { accountId: "providerAccountId", providerId: "provider" },
    },
    verification: {
      modelName: "verificationToken",
      fields: { value: "token", expiresAt: "expires" },
    },
    emailAndPassword: {
      enabled: true,
      requireEmailVerification: e.REQUIRE_EMAIL_VERIFICATION,
      minPasswordLength: 8,
      maxPasswordLength: 128,
      revokeSessionsOnPasswordReset: true,
      // Over the per-recipient limit the email is dropped quietly: the answer stays the generic 200.
      sendResetPassword: async ({ user, url }) => {
        const locale = (user as { locale?: string }).locale;
        await sendThrottledEmail(db(), "reset", linkEmail("reset", user.email, url, { locale }));
      },
      // A sign-up with a taken email answers like a new account (a decoy user) and tells the owner instead,
      // which also costs about what a real sign-up's verification email does.
      onExistingUserSignUp: async ({ user }) => {
        const locale = (user as { locale?: string }).locale;
        await sendThrottledEmail(
          db(),
          "existing",
          linkEmail("existing", user.email, `${e.APP_URL}/sign-in`, { locale }),
        );
      },
      onPasswordReset: async ({ user }, request) => {
        await recordUserEvent("user.password_reset", user.id, requestMeta({ request }));
      },
    },
    emailVerification: {
      sendOnSignUp: true,
      sendOnSignIn: true,
      autoSignInAfterVerification: true,
      expiresIn: 60 * 60 * 24,
      sendVerificationEmail: async ({ user, url }) => {
        const locale = (user as { locale?: string }).locale;
        await sendThrottledEmail(db(), "verify", linkEmail("verify", user.email, url, { locale }));
      },
      afterEmailVerification: async (user, request) => {
        await recordUserEvent("user.email_verified", user.id, requestMeta({ request }));
      },
    },
    socialProviders: socialProviders(),
    // Our own throttle (sign-in-throttle.ts, in the database) replaces the per-path in-memory limiter.
    rateLimit: { enabled: false },
    advanced: {
      // better-auth skips its Origin/CSRF check when NODE_ENV=test (or TEST=true); keep it on everywhere,
      // so tests exercise what production runs and a stray TEST variable cannot switch it off.
      disableOriginCheck: false,
      // Secure (and __Secure- prefixed) cookies whenever the public URL is https. APP_URL must be that
      // public URL behind a TLS-terminating proxy too: origin checks compare against it.
      useSecureCookies: new URL(e.APP_URL).protocol === "https:",
      // Every id, and the sign-up decoy's, in Prisma's cuid format (new-id.ts).
      database: { generateId: () => newCuid() },
      // Client IPs come from clientIp() (TRUSTED_PROXIES); better-auth's own reading trusts forwarded headers.
      ipAddress: { disableIpTracking: true },
    },
    databaseHooks: {
      user: {
        // Every path that writes a user (OAuth profiles included) stays within the field limits.
        update: { before: async (user) => ({ data: withinUserFieldLimits(user) }) },
        create: {
          before: async (user) => ({ data: withinUserFieldLimits(user) }),
          after: async (user, ctx) => {
            await recordUserEvent("user.signup", user.id, requestMeta(ctx));
          },
        },
      },
      session: {
        create: {
          // Logged before the session row exists: a failed log write refuses the sign-in rather than losing it.
          // A new session starts in the organization the user last worked in (else their first one).
          // The session's IP is ours (TRUSTED_PROXIES), not better-auth's reading of X-Forwarded-For.
          before: async (session, ctx) => {
            const meta = requestMeta(ctx);
            await recordActivity(db(), {
              action: "user.login",
              resource: "session",
              actorId: session.userId,
              metadata: { method: ctx?.path ?? null },
              ipAddress: meta.ipAddress,
              userAgent: (session.userAgent as string | undefined) ?? meta.userAgent,
            });
            const activeOrganizationId = await lastActiveOrganization(session.userId);
            return {
              data: {
                ...session,
                ipAddress: meta.ipAddress,
                ...(activeOrganizationId ? { activeOrganizationId } : {}),
              },
            };
          },
        },
      },
    },
    hooks: {
      before: createAuthMiddleware(async (ctx) => {
        const invalid = invalidUserField(ctx.path, ctx.body);
        if (invalid) throw new APIError("BAD_REQUEST", { code: "VALIDATION_FAILED", ...invalid });
        if (ctx.path === "/sign-in/email") {
          const { lockedUntil: until, slowDownMs } = await reserveSignInAttempt(db(), signInKeys(ctx));
          if (until) {
            const retryAfter = Math.max(1, Math.ceil((until.getTime() - Date.now()) / 1000));
            throw new APIError(
              "TOO_MANY_REQUESTS",
              {
                code: "RATE_LIMITED",
                message: `Too many failed sign-in attempts. Try again in ${Math.ceil(retryAfter / 60)} minute(s).`,
              },
              { "Retry-After": String(retryAfter) },
            );
          }
          if (slowDownMs > 0) await new Promise((resolve) => setTimeout(resolve, slowDownMs));
        }
        if (ctx.path === "/sign-out") {
          const current = await getSessionFromCtx(ctx).catch(() => null);
          if (current) {
            await recordActivity(db(), {
              action: "user.logout",
              resource: "session",
              resourceId: current.session.id,
              actorId: current.user.id,
              ...requestMeta(ctx),
            });
          }
        }
      }),
      after: createAuthMiddleware(async (ctx) => {
        if (ctx.path !== "/sign-in/email") return;
        const returned = ctx.context.returned;
        const wrongPassword =
          returned instanceof APIError && (returned.statusCode === 401 || returned.status === "UNAUTHORIZED");
        // The attempt was counted before the check; only a wrong password keeps it.
        if (!wrongPassword) await releaseSignInAttempt(db(), signInKeys(ctx), !(returned instanceof Error));
      }),
    },
  });
}

export type Auth = ReturnType<typeof createAuth>;
const globalForAuth = globalThis as unknown as { scriptoriumAuth?: Auth };

/** The process-wide better-auth instance (created on first use, after the environment is loaded). */
export function auth(): Auth {
  globalForAuth.scriptoriumAuth ??= createAuth();
  return globalForAuth.scriptoriumAuth;
}
