export * from "./scriptorium-client";
export type { components, operations, paths } from "./openapi-types";
