// Preload of every Node process that runs server code outside Next (the worker, `npm start`, scripts,
// seeds, benches): `node --import tsx --import ./scripts/server-only-preload.mjs file.ts`, which the npm
// scripts do. Server modules carry `import "server-only"`, whose default export throws (it is meant to stop
// client bundles); this lets them load in plain Node. See docs/decisions/0014-server-boundary.md.
import { register } from "node:module";

register("./server-only-hook.mjs", import.meta.url);

// Node processes started from this one (the worker and web server of `npm start`, workers spawned by
// tests) inherit it through NODE_OPTIONS, so no spawn site has to remember the flag.
const flag = `--import=${import.meta.url}`;
const inherited = process.env.NODE_OPTIONS ?? "";
if (!inherited.includes(flag)) process.env.NODE_OPTIONS = `${inherited} ${flag}`.trim();
