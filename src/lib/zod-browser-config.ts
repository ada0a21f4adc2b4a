import { z } from "zod";

// In the browser, Zod's first object parse probes `new Function("")` to decide whether it may compile fast
// parsers. Our CSP forbids eval, so the probe fails quietly but the browser still files a CSP violation
// (Lighthouse's "Issues were logged" best-practice audit). `jitless` skips the probe; the parsers are the
// same, only not compiled. Servers keep the compiled parsers (no CSP there).
if (typeof window !== "undefined") z.config({ jitless: true });
