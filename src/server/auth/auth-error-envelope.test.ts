import { describe, expect, it } from "vitest";
import { withErrorEnvelope } from "./auth-error-envelope";

const failure = (body: object, status = 400) => Response.json(body, { status });
const envelope = async (response: Response, path = "/sign-up/email") =>
  (await (await withErrorEnvelope(response, path)).json()) as {
    code: string;
    message: string;
    error: { code: string; message: string; field: string | null; messageKey: string; params: object };
  };

describe("better-auth error envelope", () => {
  it("keys our hooks' validation messages (written as keys), with the English text and the field", async () => {
    const body = await envelope(
      failure({ code: "VALIDATION_FAILED", field: "name", message: "name: validation.name.required" }),
    );
    expect(body.error).toEqual({
      code: "VALIDATION_FAILED",
      message: "name: Enter your name",
      field: "name",
      messageKey: "validation.name.required",
      params: {},
    });
  });

  it("says a message written as a key in English, at the top level too (the better-auth client reads it)", async () => {
    const body = await envelope(
      failure({ code: "VALIDATION_FAILED", field: "name", message: "name: validation.name.required" }),
    );
    expect(body.message).toBe("name: Enter your name");
    expect(body.error).toMatchObject({ message: "name: Enter your name", messageKey: "validation.name.required" });
  });

  it("keys better-auth's own codes by error code", async () => {
    const body = await envelope(
      failure({ code: "INVALID_EMAIL_OR_PASSWORD", message: "Invalid email or password" }, 401),
      "/sign-in/email",
    );
    expect(body.error).toEqual({
      code: "INVALID_EMAIL_OR_PASSWORD",
      message: "Invalid email or password",
      field: "password",
      messageKey: "errors.INVALID_EMAIL_OR_PASSWORD",
      params: {},
    });
  });
});
