import { afterEach, describe, expect, expectTypeOf, it, vi } from "vitest";
import { apiFetch, type ContractData, type ContractName, toApiError } from "./api-fetch";
import { safeNextPath } from "./safe-next-path";

describe("toApiError", () => {
  it("reads our envelope", () => {
    expect(toApiError(409, { error: { code: "SLUG_TAKEN", message: "taken", field: "slug" } })).toEqual({
      status: 409,
      code: "SLUG_TAKEN",
      message: "taken",
      field: "slug",
    });
  });

  it("keeps the message key and its parameters, for the UI to translate", () => {
    const body = {
      error: {
        code: "VALIDATION_FAILED",
        message: "name: Too small: expected string to have >=3 characters",
        field: "name",
        messageKey: "validation.tooSmall.characters.other",
        params: { origin: "string", comparison: "atLeast", minimum: 3, dropped: { nested: true } },
      },
    };
    expect(toApiError(400, body)).toMatchObject({
      messageKey: "validation.tooSmall.characters.other",
      params: { origin: "string", comparison: "atLeast", minimum: 3 },
    });
    expect(toApiError(400, body).params).not.toHaveProperty("dropped");
    expect(toApiError(404, { error: { code: "NOT_FOUND", message: "x" } })).not.toHaveProperty("messageKey");
  });

  it("reads better-auth's own body", () => {
    expect(toApiError(401, { code: "INVALID_EMAIL_OR_PASSWORD", message: "Invalid email or password" })).toEqual({
      status: 401,
      code: "INVALID_EMAIL_OR_PASSWORD",
      message: "Invalid email or password",
      field: undefined,
    });
  });

  it("keeps the plan to upgrade to from a PLAN_LIMIT_REACHED envelope", () => {
    const body = { error: { code: "PLAN_LIMIT_REACHED", message: "limit", field: null, upgradeTo: "ENTERPRISE" } };
    expect(toApiError(402, body)).toMatchObject({ code: "PLAN_LIMIT_REACHED", upgradeTo: "ENTERPRISE" });
    expect(toApiError(402, { error: { code: "PLAN_LIMIT_REACHED", upgradeTo: null } })).not.toHaveProperty("upgradeTo");
  });

  it("names a code when the body has none", () => {
    expect(toApiError(429, null).code).toBe("RATE_LIMITED");
    expect(toApiError(401, "").code).toBe("UNAUTHENTICATED");
    expect(toApiError(502, { foo: 1 }).code).toBe("HTTP_502");
  });
});

describe("safeNextPath", () => {
  it("follows in-app paths only", () => {
    expect(safeNextPath("/invitations/abc")).toBe("/invitations/abc");
    expect(safeNextPath("https://evil.example/")).toBe("/app");
    expect(safeNextPath("//evil.example/")).toBe("/app");
    expect(safeNextPath("/\\evil.example")).toBe("/app");
    expect(safeNextPath(null, "/onboarding")).toBe("/onboarding");
  });
});

describe("apiFetch", () => {
  const item = {
    id: "n1",
    type: "book.completed",
    title: "Done",
    body: null,
    link: "/app/books/b1",
    readAt: null,
    createdAt: "2026-12-04T10:00:00.000Z",
    organizationId: "o1",
  };

  function answer(status: number, body?: unknown) {
    const text = body === undefined ? null : JSON.stringify(body);
    vi.stubGlobal(
      "fetch",
      vi.fn(async () => new Response(text, { status })),
    );
  }

  afterEach(() => {
    vi.unstubAllGlobals();
    vi.restoreAllMocks();
  });

  it("hands over an answer that matches the contract it names", async () => {
    answer(200, { items: [item], unreadCount: 1, nextCursor: null });
    const result = await apiFetch("/api/notifications", { schema: "notificationsPage" });
    expect(result).toEqual({ ok: true, status: 200, data: { items: [item], unreadCount: 1, nextCursor: null } });
  });

  it("turns an answer outside its contract into CONTRACT_MISMATCH outside production", async () => {
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    answer(200, { items: [{ ...item, title: 42 }], unreadCount: 1, nextCursor: null });
    const result = await apiFetch("/api/notifications", { schema: "notificationsPage" });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe("CONTRACT_MISMATCH");
    expect(result.error.message).toContain("items.0.title");
    expect(logged).toHaveBeenCalledOnce();
  });

  it("answers null data for a route without a body, and the error envelope for a failure", async () => {
    answer(204);
    expect(await apiFetch("/api/organization", { method: "DELETE", schema: null })).toEqual({
      ok: true,
      status: 204,
      data: null,
    });
    answer(404, { error: { code: "NOT_FOUND", message: "gone" } });
    const missing = await apiFetch("/api/notifications", { schema: "notificationsPage" });
    expect(missing).toMatchObject({ ok: false, status: 404, error: { code: "NOT_FOUND", message: "gone" } });
  });

  it("types the data from the contract named, and names only schemas", () => {
    expectTypeOf<ContractData<"notificationsPage">["unreadCount"]>().toEqualTypeOf<number>();
    // canManage is a function exported by src/contracts, not a contract.
    expectTypeOf<"canManage">().not.toExtend<ContractName>();
    expectTypeOf<"notificationsPage">().toExtend<ContractName>();
  });
});
