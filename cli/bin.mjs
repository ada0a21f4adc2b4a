#!/usr/bin/env node
// Entry of `npx scriptorium`: loads the TypeScript CLI through tsx (no build step) and runs it.
import { register } from "tsx/esm/api";

register();
const { main } = await import("./scriptorium.ts");
await main();
