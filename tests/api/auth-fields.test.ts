// Attack tests: every user field better-auth lets a caller write has a limit; oversized values, control
// characters and unknown locales are refused with 400 VALIDATION_FAILED naming the field, and nothing is stored.
import { beforeAll, describe, expect, it } from "vitest";
import * as authRoute from "@/app/api/auth/[...all]/route";
import { db } from "@/server/db/client";
import { env } from "@/server/env";
import { signUpAndSignIn, type TestUser, uniqueEmail } from "../helpers/session-client";

/** Through the route handler, which adds our error envelope to better-auth's answers. */
const callAuth = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  authRoute.POST(
    new Request(`${env().APP_URL}/api/auth${path}`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: env().APP_URL, ...headers },
      body: JSON.stringify(body),
    }),
  );

type ErrorBody = { code: string; error: { code: string; field: string | null; message: string } };

async function expectRefused(response: Response, field: string) {
  const body = (await response.json()) as ErrorBody;
  expect(response.status, JSON.stringify(body)).toBe(400);
  expect(body.error.code).toBe("VALIDATION_FAILED");
  expect(body.error.field).toBe(field);
  expect(body.code).toBe("VALIDATION_FAILED");
}

describe("better-auth user fields", () => {
  const password = "correct horse battery";

  const signUpCases: [string, Record<string, unknown>, string][] = [
    ["a 101-character name", { name: "n".repeat(101) }, "name"],
    ["a 10,000-character name", { name: "n".repeat(10_000) }, "name"],
    ["a NUL in the name", { name: "Eve\u0000Admin" }, "name"],
    ["an escape sequence in the name", { name: "Eve\u001b[31mred" }, "name"],
    ["a right-to-left override in the name", { name: "Eve\u202Enimda" }, "name"],
    ["a blank name", { name: "   " }, "name"],
    ["an unknown locale", { locale: "xx" }, "locale"],
    ["a locale that is not a string", { locale: 42 }, "locale"],
    ["a javascript: image", { image: "javascript:alert(1)" }, "image"],
    ["a 3,000-character image URL", { image: `https://example.test/${"i".repeat(3000)}` }, "image"],
    ["a 300-character email", { email: `${"a".repeat(290)}@example.test` }, "email"],
  ];
  for (const [label, fields, field] of signUpCases) {
    it(`sign-up refuses ${label}`, async () => {
      const email = (fields.email as string | undefined) ?? uniqueEmail("fields");
      const users = await db().user.count({ where: { email: email.toLowerCase() } });
      await expectRefused(await callAuth("/sign-up/email", { name: "Fine Name", email, password, ...fields }), field);
      expect(await db().user.count({ where: { email: email.toLowerCase() } })).toBe(users);
      expect(await db().outboxEmail.count({ where: { to: email.toLowerCase() } })).toBe(0);
    });
  }

  it("sign-up accepts a 100-character name and a supported locale", async () => {
    const email = uniqueEmail("fields-ok");
    const res = await callAuth("/sign-up/email", { name: "n".repeat(100), email, password, locale: "fr" });
    expect(res.status).toBe(200);
    expect(await db().user.findUniqueOrThrow({ where: { email } })).toMatchObject({
      name: "n".repeat(100),
      locale: "fr",
    });
  });

  it("sign-up cannot set the platform role", async () => {
    const email = uniqueEmail("fields-role");
    const res = await callAuth("/sign-up/email", { name: "Mallory", email, password, role: "SUPER_ADMIN" });
    // better-auth drops fields that are not inputs; whatever it answers, the role stays USER.
    expect([200, 400]).toContain(res.status);
    expect(await db().user.count({ where: { email, role: { not: "USER" } } })).toBe(0);
  });

  describe("update-user and change-email", () => {
    let user: TestUser;
    beforeAll(async () => {
      user = await signUpAndSignIn("fields-update");
    });
    const update = (body: unknown) => callAuth("/update-user", body, { cookie: user.cookie });

    const updateCases: [string, Record<string, unknown>, string][] = [
      ["a 101-character name", { name: "n".repeat(101) }, "name"],
      ["a NUL in the name", { name: "a\u0000b" }, "name"],
      ["a newline in the name", { name: "Line\nBreak" }, "name"],
      ["an unknown locale", { locale: "de" }, "locale"],
      ["a data: image", { image: "data:image/png;base64,AAAA" }, "image"],
    ];
    for (const [label, body, field] of updateCases) {
      it(`update-user refuses ${label} and changes nothing`, async () => {
        const before = await db().user.findUniqueOrThrow({ where: { id: user.id } });
        await expectRefused(await update(body), field);
        expect(await db().user.findUniqueOrThrow({ where: { id: user.id } })).toEqual(before);
      });
    }

    it("update-user still saves valid values", async () => {
      const res = await update({ name: "Renamed Person", locale: "fr" });
      expect(res.status).toBe(200);
      expect(await db().user.findUniqueOrThrow({ where: { id: user.id } })).toMatchObject({
        name: "Renamed Person",
        locale: "fr",
      });
    });

    it("change-email refuses an oversized or control-character address and changes nothing", async () => {
      const before = await db().user.findUniqueOrThrow({ where: { id: user.id } });
      const tokens = await db().verificationToken.count();
      for (const newEmail of [`${"b".repeat(290)}@example.test`, "evil\u0000@example.test"]) {
        await expectRefused(await callAuth("/change-email", { newEmail }, { cookie: user.cookie }), "newEmail");
      }
      expect(await db().user.findUniqueOrThrow({ where: { id: user.id } })).toEqual(before);
      expect(await db().verificationToken.count()).toBe(tokens);
    });
  });
});
