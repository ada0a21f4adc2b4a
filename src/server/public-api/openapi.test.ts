import { readdirSync } from "node:fs";
import path from "node:path";
import { Validator } from "@seriousme/openapi-schema-validator";
import { describe, expect, it } from "vitest";
import * as docsRoute from "@/app/api/v1/docs/route";
import * as openApiRoute from "@/app/api/v1/openapi.json/route";
import type { ApiOperation } from "./api-operation";
import { openApiDocument } from "./openapi-document";
import { v1 } from "./v1-operations";

const V1_DIR = path.resolve(import.meta.dirname, "../../app/api/v1");
// Meta routes that describe the API rather than being part of it.
const META_ROUTES = new Set(["/openapi.json", "/docs"]);

function routeFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? routeFiles(path.join(dir, entry.name))
      : entry.name === "route.ts"
        ? [path.join(dir, entry.name)]
        : [],
  );
}

describe("OpenAPI 3.1 document", () => {
  const doc = openApiDocument();

  it("is a valid OpenAPI 3.1 document", async () => {
    const result = await new Validator().validate(doc as never);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(doc.openapi).toBe("3.1.0");
  });

  it("documents every method of every v1 route file, and nothing that is not implemented", async () => {
    const implemented = new Set<string>();
    const files = routeFiles(V1_DIR);
    expect(files.length).toBeGreaterThanOrEqual(10);
    for (const file of files) {
      const routePath = path
        .relative(V1_DIR, path.dirname(file))
        .split(path.sep)
        .map((segment) => segment.replace(/^\[(.+)\]$/, "{$1}"))
        .join("/");
      const apiPath = `/${routePath}`;
      const module = (await import(file)) as Record<string, unknown>;
      const methods = Object.keys(module).filter((k) => ["GET", "POST", "PUT", "PATCH", "DELETE"].includes(k));
      expect(methods.length, file).toBeGreaterThan(0);
      if (META_ROUTES.has(apiPath)) continue;
      for (const method of methods) {
        const operation = (module[method] as { operation?: ApiOperation }).operation;
        expect(operation, `${method} ${apiPath} must be built with apiRoute()`).toBeDefined();
        expect(operation!.method).toBe(method);
        expect(operation!.path).toBe(apiPath);
        const documented = (doc.paths[apiPath] as Record<string, { operationId: string }> | undefined)?.[
          method.toLowerCase()
        ];
        expect(documented?.operationId, `${method} ${apiPath} missing from the document`).toBe(operation!.operationId);
        implemented.add(operation!.operationId);
      }
    }
    expect([...implemented].sort()).toEqual(
      Object.values(v1)
        .map((o) => o.operationId)
        .sort(),
    );
  });

  it("derives request schemas from the Zod schemas that validate the requests", () => {
    const create = doc.paths["/books"]!.post as {
      requestBody: { content: { "application/json": { schema: Record<string, unknown> } } };
    };
    const schema = create.requestBody.content["application/json"].schema as {
      properties: Record<string, { maxLength?: number; minimum?: number; maximum?: number }>;
      required: string[];
    };
    expect([...schema.required].sort()).toEqual(["goal", "title", "topic"]);
    expect(schema.properties.title!.maxLength).toBe(200);
    expect(schema.properties.targetChapters).toMatchObject({ minimum: 1, maximum: 50 });
    const list = doc.paths["/books"]!.get as {
      parameters: { name: string; in: string; required: boolean; description?: string; schema: object }[];
    };
    expect(list.parameters.map((p) => `${p.in}:${p.name}`)).toEqual(
      expect.arrayContaining(["query:cursor", "query:limit", "query:status", "query:q"]),
    );
    const q = list.parameters.find((p) => p.name === "q");
    expect(q).toMatchObject({ in: "query", required: false, schema: { type: "string", maxLength: 200 } });
    expect(q?.description).toMatch(/title or topic/);
  });

  it("is served at /api/v1/openapi.json, with a self-contained HTML reference at /api/v1/docs", async () => {
    const served = await openApiRoute.GET(new Request("http://localhost/api/v1/openapi.json"));
    expect(served.status).toBe(200);
    expect(await served.json()).toEqual(JSON.parse(JSON.stringify(doc)));
    const page = await docsRoute.GET(new Request("http://localhost/api/v1/docs"));
    expect(page.headers.get("content-type")).toContain("text/html");
    const html = await page.text();
    for (const operation of Object.values(v1)) expect(html).toContain(`id="${operation.operationId}"`);
    expect(html).not.toMatch(/<script|<link[^>]+href="http|src="http/);
  });
});
