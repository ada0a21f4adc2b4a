// Every contract of this folder under its export name, for the browser to name the answer it expects
// (apiFetch's `schema: "meSchema"`). Client code imports only its type (src/lib/api-fetch.ts), so Zod and
// the schemas ship to the browser only where a form validates input; the answer check loads this module in
// development and tests alone (src/lib/check-answer.ts). An export name used twice fails the type check.
export * from "./activity";
export * from "./admin";
export * from "./api-keys";
export * from "./auth";
export * from "./bible";
export * from "./billing";
export * from "./book-inputs";
export * from "./books";
export * from "./collaborators";
export * from "./comments";
export * from "./common";
export * from "./corrections";
export * from "./engine-settings";
export * from "./generation-estimate";
export * from "./health";
export * from "./me";
export * from "./notifications";
export * from "./organizations";
export * from "./outbox";
export * from "./storage-settings";
export * from "./webhooks";
