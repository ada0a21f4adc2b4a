import { betterAuth } from "better-auth";
import { prismaAdapter } from "better-auth/adapters/prisma";
import { APIError, createAuthMiddleware, getSessionFromCtx } from "better-auth/api";
import { clientIp } from "@/lib/client-ip";
import { recordActivity } from "../activity/record-activity";
import { db } from "../db/client";
import { linkEmail } from "../email/email-templates";
import { sendEmail } from "../email/send-email";
import { authSecret, env } from "../env";
import { trustedOrigins } from "../http/request-origin";
import { clearSignInFailures, recordSignInFailure, signInLockedUntil, throttleKeys } from "./sign-in-throttle";

type HookCtx = { request?: Request; headers?: Headers } | null | undefined;
const requestMeta = (ctx: HookCtx) => {
  const headers = ctx?.headers ?? ctx?.request?.headers;
  return { ipAddress: headers ? clientIp(headers) : null, userAgent: headers?.get("user-agent") ?? null };
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
      sendResetPassword: async ({ user, url }) => {
        const locale = (user as { locale?: string }).locale;
        await sendEmail(db(), linkEmail("reset", user.email, url, { locale }));
      },
      onPasswordReset: async ({ user }, request) => {
        await recordActivity(db(), {
          action: "user.password_reset",
          resource: "user",
          resourceId: user.id,
          actorId: user.id,
          ...requestMeta({ request }),
        });
      },
    },
    emailVerification: {
      sendOnSignUp: true,
      sendOnSignIn: true,
      autoSignInAfterVerification: true,
      expiresIn: 60 * 60 * 24,
      sendVerificationEmail: async ({ user, url }) => {
        const locale = (user as { locale?: string }).locale;
        await sendEmail(db(), linkEmail("verify", user.email, url, { locale }));
      },
      afterEmailVerification: async (user, request) => {
        await recordActivity(db(), {
          action: "user.email_verified",
          resource: "user",
          resourceId: user.id,
          actorId: user.id,
          ...requestMeta({ request }),
        });
      },
    },
    socialProviders: socialProviders(),
    // Our own throttle (per account and per IP, in the database) replaces the per-path in-memory limiter.
    rateLimit: { enabled: false },
    advanced: {
      database: { generateId: false },
      ipAddress: { ipAddressHeaders: ["x-forwarded-for", "x-real-ip"] },
      // better-auth skips its Origin/CSRF check when NODE_ENV=test (or TEST=true); keep it on everywhere,
      // so tests exercise what production runs and a stray TEST variable cannot switch it off.
      disableOriginCheck: false,
    },
    databaseHooks: {
      user: {
        create: {
          after: async (user, ctx) => {
            await recordActivity(db(), {
              action: "user.signup",
              resource: "user",
              resourceId: user.id,
              actorId: user.id,
              ...requestMeta(ctx),
            });
          },
        },
      },
      session: {
        create: {
          // Logged before the session row exists: a failed log write refuses the sign-in rather than losing it.
          // A new session starts in the organization the user last worked in (else their first one).
          before: async (session, ctx) => {
            await recordActivity(db(), {
              action: "user.login",
              resource: "session",
              actorId: session.userId,
              metadata: { method: ctx?.path ?? null },
              ipAddress: (session.ipAddress as string | undefined) ?? requestMeta(ctx).ipAddress,
              userAgent: (session.userAgent as string | undefined) ?? requestMeta(ctx).userAgent,
            });
            const activeOrganizationId = await lastActiveOrganization(session.userId);
            return activeOrganizationId ? { data: { ...session, activeOrganizationId } } : undefined;
          },
        },
      },
    },
    hooks: {
      before: createAuthMiddleware(async (ctx) => {
        if (ctx.path === "/sign-in/email") {
          const email = typeof ctx.body?.email === "string" ? ctx.body.email : undefined;
          const keys = throttleKeys(email, ctx.request ? clientIp(ctx.request.headers) : null);
          const until = await signInLockedUntil(db(), [keys.account, keys.ip]);
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
        const email = typeof ctx.body?.email === "string" ? ctx.body.email : undefined;
        const keys = throttleKeys(email, ctx.request ? clientIp(ctx.request.headers) : null);
        const returned = ctx.context.returned;
        const failed =
          returned instanceof APIError && (returned.statusCode === 401 || returned.status === "UNAUTHORIZED");
        if (failed) await recordSignInFailure(db(), keys);
        else if (!(returned instanceof Error)) await clearSignInFailures(db(), keys.account);
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
