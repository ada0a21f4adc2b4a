// With an https APP_URL, every cookie better-auth sets is Secure (and __Secure- prefixed), so a session
// never travels over plain http.
import { afterAll, expect, it } from "vitest";
import { getSession } from "@/server/auth/session";
import { db } from "@/server/db/client";
import { callAuth, cookieFrom, uniqueEmail } from "../helpers/session-client";

// Read once by env(), on first use (after this line); put back for whatever runs next in this process.
const previousAppUrl = process.env.APP_URL;
process.env.APP_URL = "https://books.example.test";
afterAll(() => {
  if (previousAppUrl === undefined) delete process.env.APP_URL;
  else process.env.APP_URL = previousAppUrl;
});

it("sets Secure session cookies when APP_URL is https", async () => {
  const email = uniqueEmail("secure-cookie");
  const password = "correct horse battery";
  expect((await callAuth("/sign-up/email", { name: "Secure", email, password })).status).toBe(200);
  await db().user.update({ where: { email }, data: { emailVerified: true } });
  const signIn = await callAuth("/sign-in/email", { email, password });
  expect(signIn.status).toBe(200);

  const cookies = signIn.headers.getSetCookie();
  expect(cookies.length).toBeGreaterThan(0);
  for (const cookie of cookies) {
    expect(cookie).toMatch(/^__Secure-/);
    expect(cookie).toMatch(/;\s*Secure(;|$)/i);
    expect(cookie).toMatch(/;\s*HttpOnly(;|$)/i);
  }
  // The session those cookies carry is real.
  const session = await getSession(new Headers({ cookie: cookieFrom(signIn) }));
  expect(session?.user.email).toBe(email);
});
