// Imported first by bench/long-form.ts: the environment the measured code reads when it first asks for it.
import "./generation-env";

// The simulator listens on loopback: an organization's own engine URL may point there in this bench.
process.env.ENGINE_ALLOW_PRIVATE_URLS = "true";
// Concurrency ≥ chapters (30), so the wall-time target compares a whole book with its longest chapter.
process.env.GENERATION_CONCURRENCY = process.env.BENCH_CONCURRENCY ?? "30";
