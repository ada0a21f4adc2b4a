// Runs in the browser before the app's own code (Next.js instrumentation-client): settings that must
// precede any module of a page.
import "./lib/zod-browser-config";
