import { z } from "zod";

/** GET /api/auth-providers: the social sign-in providers configured on this installation. */
export const authProvidersResponse = z.object({ providers: z.array(z.string()) });

// better-auth's own routes (/api/auth/*) answer in better-auth's format: these describe only the fields the
// UI reads and let the rest through, so a better-auth upgrade that adds fields does not break the check.

/** POST /api/auth/sign-up/email: a token when the account is signed in at once (no verification needed). */
export const signUpResponse = z.looseObject({ token: z.string().nullish() });
/** POST /api/auth/sign-in/email, request-password-reset, reset-password, send-verification-email. */
export const authActionResponse = z.looseObject({});
