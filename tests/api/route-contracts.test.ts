// Every route method of the app declares what it answers (issue 14): a JSON schema from src/contracts
// (jsonRoute), 204 (noContentRoute), a non-JSON kind (handleRoute's `contract`: stream, file, redirect, html,
// delegated), or, for the public API, the v1 operation it implements. Route files are found on disk, so a
// route added tomorrow is held to it without anyone listing it. Then every GET that answers JSON is called
// with real fixtures and its body parsed with the declared schema, so each domain's reads are exercised
// against their contract (jsonRoute also checks every answer outside production).
//
// ROUTE_CONTRACTS_ONLY=/api/books,/api/v1 limits both walks to route patterns starting with one of those
// prefixes (for a branch that converts one domain before the others land); unset, every route is held.
import { readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { z } from "zod";
import { closeJobEvents } from "@/server/generation/job-events";
import { contractOf, type RouteContract } from "@/server/http/route-contract";
import type { ApiOperation } from "@/server/public-api/api-operation";
import { callRoute, type RouteHandler, signUpAndSignIn, type TestUser } from "../helpers/session-client";
import { createRouteFixtures, paramsFor, type RouteFixtures } from "./mutating-routes";

const apiDir = fileURLToPath(new URL("../../src/app/api", import.meta.url));
const httpMethods = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
type HttpMethod = (typeof httpMethods)[number];

const onlyPrefixes = (process.env.ROUTE_CONTRACTS_ONLY ?? "")
  .split(",")
  .map((prefix) => prefix.trim())
  .filter(Boolean);

/** A route file: its pattern (`/api/books/[bookId]`) and the path of its module. */
interface RouteFile {
  pattern: string;
  file: string;
}

const routeFiles: RouteFile[] = readdirSync(apiDir, { recursive: true, encoding: "utf8" })
  .filter((file) => path.basename(file) === "route.ts")
  .sort()
  .map((file) => ({ pattern: `/api/${path.dirname(file).split(path.sep).join("/")}`, file: path.join(apiDir, file) }))
  .filter(({ pattern }) => onlyPrefixes.length === 0 || onlyPrefixes.some((prefix) => pattern.startsWith(prefix)));

type RouteExport = RouteHandler & { contract?: RouteContract; operation?: ApiOperation };

interface RouteMethod {
  /** `GET /api/books/[bookId]`: how tests name it. */
  name: string;
  pattern: string;
  method: HttpMethod;
  handler: RouteExport;
}

async function methodsOf(route: RouteFile): Promise<RouteMethod[]> {
  const module = (await import(route.file)) as Record<string, unknown>;
  return httpMethods.flatMap((method) => {
    const handler = module[method];
    if (typeof handler !== "function") return [];
    return [{ name: `${method} ${route.pattern}`, pattern: route.pattern, method, handler: handler as RouteExport }];
  });
}

/** What the method declares it answers as JSON on success: its schema and status, or null when it is not JSON. */
function declaredJson(route: RouteMethod): { schema: z.ZodType; status: number } | null {
  const contract = contractOf(route.handler);
  if (contract?.kind === "json") return { schema: contract.response, status: contract.status };
  const success = route.handler.operation?.success;
  if (success?.schema) return { schema: success.schema, status: success.status };
  return null;
}

describe("every route method declares its contract", () => {
  it("finds the route files on disk", () => {
    expect(routeFiles.length).toBeGreaterThan(onlyPrefixes.length > 0 ? 0 : 40);
  });

  it.each(routeFiles.map((route) => [route.pattern, route] as const))("%s", async (_pattern, route) => {
    const methods = await methodsOf(route);
    expect(methods.length, "a route file exports at least one HTTP method").toBeGreaterThan(0);
    const undeclared = methods
      .filter(({ handler }) => contractOf(handler) === undefined && handler.operation === undefined)
      .map(({ name }) => name);
    expect(undeclared, "wrap them in jsonRoute/noContentRoute/handleRoute({ contract }) or apiRoute").toEqual([]);
  });
});

/** GETs answering JSON that the walk cannot call with the shared fixtures, and why. */
const notCalled: Record<string, string> = {
  "GET /api/books/[bookId]/revisions/compare":
    "needs ?from=<revisionId>; tests/api/revision-review.test.ts calls it and parses its answer",
  "GET /api/billing/manage-link": "409 until the organization has a Paystack subscription; tests/api/billing.test.ts",
  "GET /api/v1/books/[bookId]/formats/[format]/download":
    "a 302 whose JSON body needs a rendered file; tests/api/formats.test.ts downloads one",
};

/** The platform's own screens (admin, the local outbox) answer super admins only. */
const platformRoute = (pattern: string) => pattern.startsWith("/api/admin/") || pattern.startsWith("/api/dev/");

describe("every GET that answers JSON answers its declared schema", () => {
  let fixtures: RouteFixtures;
  let superAdmin: TestUser;
  let all: RouteMethod[] = [];
  let gets: RouteMethod[] = [];

  beforeAll(async () => {
    fixtures = await createRouteFixtures("contracts");
    superAdmin = await signUpAndSignIn("contracts-admin", { role: "SUPER_ADMIN" });
    all = (await Promise.all(routeFiles.map(methodsOf))).flat();
    gets = all.filter((route) => route.method === "GET" && declaredJson(route) !== null);
  }, 180_000);

  afterAll(async () => {
    await closeJobEvents();
  });

  it("finds GET routes that answer JSON, and every route listed as not called still exists", () => {
    expect(gets.length).toBeGreaterThan(0);
    const names = all.map((route) => route.name);
    for (const name of Object.keys(notCalled)) {
      const pattern = name.slice(name.indexOf(" ") + 1);
      if (onlyPrefixes.length === 0 || onlyPrefixes.some((prefix) => pattern.startsWith(prefix))) {
        expect(names, `${name} is listed in notCalled`).toContain(name);
      }
    }
  });

  it("calls each with the owner's session (the platform's routes with a super admin's) and parses its body", async () => {
    const checked: string[] = [];
    for (const route of gets) {
      if (notCalled[route.name]) continue;
      const declared = declaredJson(route)!;
      const params = paramsFor(route, fixtures);
      const urlPath = route.pattern.replace(/\[(?:\.\.\.)?([A-Za-z]+)\]/g, (_, name: string) => params[name]!);
      const user = platformRoute(route.pattern) ? superAdmin : fixtures.owner;
      const res = await callRoute(route.handler, { user, method: "GET", path: urlPath, params });
      expect({ route: route.name, status: res.status, body: res.status === declared.status ? null : res.json }).toEqual(
        {
          route: route.name,
          status: declared.status,
          body: null,
        },
      );
      const parsed = declared.schema.safeParse(res.json);
      expect(parsed.success ? null : { route: route.name, issues: parsed.error.issues }).toBeNull();
      checked.push(route.name);
    }
    expect(checked.length).toBe(gets.filter((route) => !notCalled[route.name]).length);
  }, 120_000);
});
