import "server-only";
import { escapeHtml } from "@/lib/escape-html";
import type { OpenApiDocument } from "./openapi-document";

type Json = Record<string, unknown>;

/** A compact, readable rendering of a JSON Schema (types, enums, required fields, limits). */
function schemaHtml(schema: unknown, components: Record<string, unknown>, depth = 0): string {
  const s = (schema ?? {}) as Json;
  if (typeof s.$ref === "string") {
    const name = s.$ref.split("/").pop()!;
    return `<a href="#schema-${escapeHtml(name)}">${escapeHtml(name)}</a>`;
  }
  if (s.type === "object" && s.properties && depth < 3) {
    const required = new Set((s.required as string[] | undefined) ?? []);
    const rows = Object.entries(s.properties as Record<string, unknown>)
      .map(
        ([name, prop]) =>
          `<tr><td><code>${escapeHtml(name)}</code>${required.has(name) ? ' <span class="req">required</span>' : ""}</td><td>${schemaHtml(prop, components, depth + 1)}</td></tr>`,
      )
      .join("");
    return `<table class="schema"><tbody>${rows}</tbody></table>`;
  }
  if (s.type === "array") return `array of ${schemaHtml(s.items, components, depth + 1)}`;
  if (Array.isArray(s.anyOf)) return (s.anyOf as unknown[]).map((x) => schemaHtml(x, components, depth)).join(" | ");
  const parts: string[] = [];
  const type = Array.isArray(s.type) ? (s.type as string[]).join(" | ") : (s.type as string | undefined);
  parts.push(`<code>${escapeHtml(type ?? "any")}</code>`);
  if (Array.isArray(s.enum))
    parts.push(`one of ${(s.enum as unknown[]).map((v) => `<code>${escapeHtml(String(v))}</code>`).join(", ")}`);
  if (s.format) parts.push(escapeHtml(String(s.format)));
  for (const key of ["minLength", "maxLength", "minimum", "maximum", "default"] as const) {
    if (s[key] !== undefined) parts.push(`${key} ${escapeHtml(JSON.stringify(s[key]))}`);
  }
  if (s.description) parts.push(`— ${escapeHtml(String(s.description))}`);
  return parts.join(", ");
}

/** The human-readable API reference (/api/v1/docs): one self-contained HTML page, no scripts, no CDN. */
export function apiReferencePage(doc: OpenApiDocument): string {
  const components = doc.components.schemas as Record<string, unknown>;
  const sections = doc.tags
    .map(({ name: tag }) => {
      const operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
        Object.entries(methods)
          .filter(([, op]) => (op.tags as string[]).includes(tag))
          .map(([method, op]) => {
            const params = (op.parameters as Json[])
              .map(
                (p) =>
                  `<tr><td><code>${escapeHtml(String(p.name))}</code> <small>${escapeHtml(String(p.in))}${p.required ? ", required" : ""}</small></td><td>${schemaHtml(p.schema, components)}${p.description ? ` — ${escapeHtml(String(p.description))}` : ""}</td></tr>`,
              )
              .join("");
            const body = (op.requestBody as Json | undefined)?.content as Record<string, Json> | undefined;
            const responses = Object.entries(op.responses as Record<string, Json>)
              .map(([status, r]) => {
                const content = r.content as Record<string, Json> | undefined;
                const [type, media] = Object.entries(content ?? {})[0] ?? [];
                return `<tr><td><code>${status}</code></td><td>${escapeHtml(String(r.description))}${type ? `<br><small>${escapeHtml(type)}</small> ${schemaHtml(media?.schema, components)}` : ""}</td></tr>`;
              })
              .join("");
            const id = String(op.operationId);
            return `<section class="op" id="${escapeHtml(id)}">
<h3><span class="method ${method}">${method.toUpperCase()}</span> <code>/api/v1${escapeHtml(path)}</code></h3>
<p><strong>${escapeHtml(String(op.summary))}</strong></p>
${String(op.description ?? "")
  .split("\n\n")
  .map((p) => `<p>${escapeHtml(p).replace(/`([^`]+)`/g, "<code>$1</code>")}</p>`)
  .join("")}
${params ? `<h4>Parameters</h4><table><tbody>${params}</tbody></table>` : ""}
${body ? `<h4>Request body</h4>${schemaHtml(body["application/json"]?.schema, components)}` : ""}
<h4>Responses</h4><table><tbody>${responses}</tbody></table>
</section>`;
          }),
      );
      return `<h2 id="tag-${escapeHtml(tag)}">${escapeHtml(tag)}</h2>${operations.join("\n")}`;
    })
    .join("\n");
  const schemas = Object.entries(components)
    .map(
      ([name, schema]) =>
        `<section id="schema-${escapeHtml(name)}"><h3>${escapeHtml(name)}</h3>${schemaHtml(schema, components)}</section>`,
    )
    .join("\n");
  const nav = doc.tags
    .map(({ name }) => `<a href="#tag-${escapeHtml(name)}">${escapeHtml(name)}</a>`)
    .concat(`<a href="#schemas">Schemas</a>`, `<a href="/api/v1/openapi.json">openapi.json</a>`)
    .join(" · ");
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(doc.info.title)} — reference</title>
<style>
body{font:15px/1.5 system-ui,sans-serif;max-width:980px;margin:0 auto;padding:24px;color:#1f2328}
code{font:13px ui-monospace,monospace;background:#f3f4f6;padding:1px 4px;border-radius:4px}
table{border-collapse:collapse;width:100%;margin:6px 0}td{border-top:1px solid #e5e7eb;padding:4px 8px;vertical-align:top}
table.schema{margin:0}.op{border:1px solid #e5e7eb;border-radius:8px;padding:8px 16px;margin:16px 0}
.method{font:bold 12px ui-monospace,monospace;padding:2px 6px;border-radius:4px;color:#fff;background:#6b7280}
.get{background:#2563eb}.post{background:#16a34a}.patch{background:#d97706}.delete{background:#dc2626}
.req{color:#b91c1c;font-size:12px}nav{margin:8px 0 24px}pre{background:#f3f4f6;padding:12px;border-radius:8px;overflow:auto}
</style></head><body>
<h1>${escapeHtml(doc.info.title)} <small>v${escapeHtml(doc.info.version)}</small></h1>
<nav>${nav}</nav>
<p>${escapeHtml(doc.info.description).replace(/`([^`]+)`/g, "<code>$1</code>")}</p>
<pre>curl -H "Authorization: Bearer $SCRIPTORIUM_API_KEY" "$SCRIPTORIUM_API_URL/api/v1/books?limit=5"</pre>
<p>Rate limits: a fixed one-minute window per key; <code>429 RATE_LIMITED</code> comes with <code>Retry-After</code> (seconds).
POST requests accept an <code>Idempotency-Key</code> header: retries return the first response and create nothing new.</p>
${sections}
<h2 id="schemas">Schemas</h2>
${schemas}
</body></html>`;
}
