// In the browser, Zod's first object parse probes `new Function("")` to decide whether it may compile fast
// parsers. Our CSP forbids eval, so the probe fails quietly but the browser still files a CSP issue
// (Lighthouse's "Issues were logged" best-practice audit). `jitless` skips the probe; the parsers are the
// same, only not compiled. Set on Zod's global config object (the one `z.config` writes) without importing
// Zod, so src/instrumentation-client.ts can set it before any page code runs at no bundle cost. Servers
// keep the compiled parsers (no CSP there).
if (typeof window !== "undefined") {
  const holder = globalThis as { __zod_globalConfig?: { jitless?: boolean } };
  holder.__zod_globalConfig ??= {};
  holder.__zod_globalConfig.jitless = true;
}
