// Attack test: a sign-up with a taken email must look exactly like a sign-up with a new one (status,
// headers, body shape, field types and values, id format, roughly the time), and change nothing.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db/client";
import { callAuth, signUpAndSignIn, type TestUser, uniqueEmail } from "../helpers/session-client";

const PASSWORD = "another long password";

async function signUp(email: string) {
  const started = performance.now();
  const response = await callAuth("/sign-up/email", { name: "Curious Visitor", email, password: PASSWORD });
  const text = await response.text();
  return {
    status: response.status,
    headerNames: [...response.headers.keys()].sort(),
    setCookies: response.headers.getSetCookie(),
    body: JSON.parse(text) as { token: unknown; user: Record<string, unknown> },
    ms: performance.now() - started,
  };
}

/** The body's structure: every key in order with the type of its value. */
const shape = (value: unknown): unknown =>
  value && typeof value === "object"
    ? Object.entries(value).map(([key, inner]) => [key, shape(inner)])
    : value === null
      ? "null"
      : typeof value;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

describe("sign-up with an email that already has an account", () => {
  let owner: TestUser;
  beforeAll(async () => {
    owner = await signUpAndSignIn("enumeration-owner");
  });

  it("answers 20 of 20 times exactly like a new sign-up, and changes nothing on the account", async () => {
    const userBefore = await db().user.findUniqueOrThrow({ where: { id: owner.id } });
    const accountsBefore = await db().account.findMany({ where: { userId: owner.id } });
    const sessionsBefore = await db().session.count({ where: { userId: owner.id } });

    const decoys: Awaited<ReturnType<typeof signUp>>[] = [];
    const fresh: Awaited<ReturnType<typeof signUp>>[] = [];
    for (let i = 0; i < 20; i++) {
      // Interleaved, so both kinds see the same machine load.
      decoys.push(await signUp(owner.email.toUpperCase()));
      fresh.push(await signUp(uniqueEmail(`enumeration-new-${i}`)));
    }

    for (let i = 0; i < 20; i++) {
      const [decoy, real] = [decoys[i]!, fresh[i]!];
      expect(decoy.status).toBe(200);
      expect(real.status).toBe(200);
      expect(decoy.headerNames).toEqual(real.headerNames);
      expect(decoy.setCookies).toEqual([]);
      expect(real.setCookies).toEqual([]);
      expect(shape(decoy.body)).toEqual(shape(real.body));
      for (const body of [decoy.body, real.body]) {
        expect(body.token).toBeNull();
        expect(body.user).toMatchObject({
          name: "Curious Visitor",
          emailVerified: false,
          image: null,
          role: "USER",
          locale: "en",
        });
        // Both stamped at creation by two clock reads, so they may straddle a millisecond (seen under load).
        expect(
          Math.abs(Date.parse(body.user.createdAt as string) - Date.parse(body.user.updatedAt as string)),
        ).toBeLessThan(5);
        expect(Math.abs(Date.parse(body.user.createdAt as string) - Date.now())).toBeLessThan(120_000);
      }
      expect(decoy.body.user.email).toBe(owner.email);
      expect(decoy.body.user.id).not.toBe(owner.id);
    }

    // A classifier on the id (length, alphabet, prefix, embedded time) finds nothing to separate them.
    const features = (id: unknown) => {
      const text = String(id);
      return {
        length: text.length,
        alphabet: /^[0-9a-z]+$/.test(text) ? "base36" : /^[0-9A-Za-z]+$/.test(text) ? "base62" : "other",
        prefix: text[0],
        recentTime: Math.abs(Number.parseInt(text.slice(1, 9), 36) - Date.now()) < 120_000,
      };
    };
    const decoyFeatures = new Set(decoys.map((d) => JSON.stringify(features(d.body.user.id))));
    const realFeatures = new Set(fresh.map((d) => JSON.stringify(features(d.body.user.id))));
    expect([...decoyFeatures]).toEqual([...realFeatures]);
    expect(realFeatures.size).toBe(1);
    // The ids the decoys showed do not exist; the new users' do.
    const decoyIds = decoys.map((d) => d.body.user.id as string);
    expect(await db().user.count({ where: { id: { in: decoyIds } } })).toBe(0);
    expect(await db().user.count({ where: { id: { in: fresh.map((d) => d.body.user.id as string) } } })).toBe(20);

    // Roughly the same time: both hash the password and send one email.
    const ratio = median(decoys.map((d) => d.ms)) / median(fresh.map((d) => d.ms));
    expect(ratio).toBeGreaterThan(0.5);
    expect(ratio).toBeLessThan(2);

    // Nothing changed for the owner: same row, same password hash, no session, no second user.
    expect(await db().user.findUniqueOrThrow({ where: { id: owner.id } })).toEqual(userBefore);
    expect(await db().account.findMany({ where: { userId: owner.id } })).toEqual(accountsBefore);
    expect(await db().session.count({ where: { userId: owner.id } })).toBe(sessionsBefore);
    expect(await db().user.count({ where: { email: owner.email } })).toBe(1);
    // The owner is told, at most EMAIL_RECIPIENT_LIMIT times an hour.
    const told = await db().outboxEmail.count({
      where: { to: owner.email, subject: { contains: "tried to sign up" } },
    });
    expect(told).toBe(5);
  }, 180_000);
});
