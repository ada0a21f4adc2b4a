// Imported first by bench/long-form.ts: the environment the measured code reads when it first asks for it.
import "./generation-env";

// The simulator listens on loopback: an organization's own engine URL may point there in this bench.
process.env.ENGINE_ALLOW_PRIVATE_URLS = "true";
// Concurrency ≥ chapters (30), so the wall-time target compares a whole book with its longest chapter.
process.env.GENERATION_CONCURRENCY = process.env.BENCH_CONCURRENCY ?? "30";
// One database connection per concurrently written chapter, plus the run's own (heartbeat, progress): with
// the default pool of 10, 30 chapters saving sections wait for connections and, on a loaded machine, Prisma
// gives up starting their transactions (P2028). Size the pool like a worker running at this concurrency.
process.env.DATABASE_POOL_MAX ??= String(Number(process.env.GENERATION_CONCURRENCY) + 10);
