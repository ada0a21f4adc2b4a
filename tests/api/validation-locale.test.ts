import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db/client";
import { env } from "@/server/env";
import { callRoute, signUpAndSignIn, type TestUser } from "../helpers/session-client";
import { bookRoutes } from "./book-routes";
import { routes } from "./routes";

type ErrorBody = { error: { code: string; field: string | null; message: string; issues?: { message: string }[] } };

// Validation messages follow the reader's language (the UI's locale cookie, else Accept-Language);
// the code and the field at fault never change, so clients can rely on them.
describe("validation errors in the caller's language", () => {
  let owner: TestUser;

  beforeAll(async () => {
    owner = await signUpAndSignIn("locale");
    const created = await callRoute(routes.organizations.POST, { user: owner, body: { name: "Maison d'édition" } });
    // Real engines are a paid feature: on PRO the engine URL itself is checked.
    const { organization } = created.json as { organization: { id: string } };
    await db().organization.update({ where: { id: organization.id }, data: { plan: "PRO" } });
  });

  const createBook = (headers?: Record<string, string>) =>
    callRoute(bookRoutes.books.POST, {
      user: owner,
      headers,
      body: { title: " ", topic: "Les phares", goal: "Comprendre", language: "fr", chapterCount: 3, targetWords: 900 },
    });

  it("answers in English by default", async () => {
    const response = await createBook();
    expect(response.status).toBe(400);
    expect((response.json as ErrorBody).error).toMatchObject({
      code: "VALIDATION_FAILED",
      field: "title",
      message: "title: Enter a title",
    });
  });

  it("answers in French for the French UI (locale cookie) and for Accept-Language: fr", async () => {
    const frenchReaders: Record<string, string>[] = [
      { cookie: "locale=fr" },
      { "accept-language": "fr-FR,fr;q=0.9,en;q=0.5" },
    ];
    for (const headers of frenchReaders) {
      const response = await createBook(headers);
      expect(response.status).toBe(400);
      const { error } = response.json as ErrorBody;
      expect(error).toMatchObject({ code: "VALIDATION_FAILED", field: "title", message: "title: Saisissez un titre" });
      expect(error.issues?.[0]?.message).toBe("Saisissez un titre");
    }
    // The cookie (the language chosen in the UI) wins over the browser's Accept-Language.
    const chosen = await createBook({ cookie: "locale=en", "accept-language": "fr" });
    expect((chosen.json as ErrorBody).error.message).toBe("title: Enter a title");
  });

  it("translates errors the use cases raise themselves, and Zod's defaults", async () => {
    const settings = env();
    const previous = settings.ENGINE_ALLOW_PRIVATE_URLS;
    settings.ENGINE_ALLOW_PRIVATE_URLS = "false";
    try {
      const refused = await callRoute(bookRoutes.engine.PUT, {
        user: owner,
        method: "PUT",
        headers: { cookie: "locale=fr" },
        body: { defaultEngine: "demo", crewai: { baseUrl: "http://127.0.0.1:8000" } },
      });
      expect((refused.json as ErrorBody).error).toMatchObject({
        code: "VALIDATION_FAILED",
        field: "crewai.baseUrl",
        message: "crewai.baseUrl: les adresses privées et de bouclage ne sont pas autorisées",
      });
    } finally {
      settings.ENGINE_ALLOW_PRIVATE_URLS = previous;
    }
    const french = (body: object) =>
      callRoute(bookRoutes.books.POST, {
        user: owner,
        headers: { cookie: "locale=fr" },
        body: { title: "Un titre", topic: "Les phares", goal: "Comprendre", language: "fr", ...body },
      });
    expect((await french({ targetChapters: "trois" })).json).toMatchObject({
      error: { code: "VALIDATION_FAILED", field: "targetChapters", message: "targetChapters: Saisissez un nombre" },
    });
    // No message of ours on that field: Zod's default, in French.
    expect((await french({ audience: 42 })).json).toMatchObject({
      error: { field: "audience", message: "audience: Type invalide : attendu un texte, reçu un nombre" },
    });
  });
});
