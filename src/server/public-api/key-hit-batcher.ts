import "server-only";
/** What one statement answered for a batch of n requests made with the same key. */
export interface BatchResult<Row> {
  row: Row | undefined;
  /** The window's count after the batch (the n requests hold count-n+1 … count), or null: not counted. */
  count: number | null;
}

/** What one request of a batch gets back. */
export interface KeyHit<Row> {
  row: Row | undefined;
  /** This request's own count in its window, or null when the key was not counted (refused). */
  count: number | null;
  /** The instant the batch was checked and counted at. */
  now: Date;
}

interface Waiter<Row> {
  now: Date;
  resolve: (hit: KeyHit<Row>) => void;
  reject: (error: unknown) => void;
}

interface KeyQueue<Row> {
  inFlight: boolean;
  waiting: Waiter<Row>[];
}

/** Most requests one statement counts (a bound on what one round trip may carry). */
const MAX_BATCH = 256;

/**
 * Group commit for the per-call key statement: while a statement for a key is in flight, this process's
 * further calls with that key wait and then go together in ONE statement that checks the key and adds
 * their number to the window's count. Each call still gets a count of its own (count-n+1 … count, in
 * arrival order), so limiting and metering stay exact, and each is checked against the key's state as the
 * database has it after the call arrived (revocation, expiry, role, plan are never taken from a cache).
 * An idle key goes out at once: batching only happens under concurrency, where it turns n statements
 * contending for the same rows into one.
 */
export function createKeyHitBatcher<Row>(run: (keyHash: string, n: number, now: Date) => Promise<BatchResult<Row>>) {
  const queues = new Map<string, KeyQueue<Row>>();

  async function flush(keyHash: string, queue: KeyQueue<Row>): Promise<void> {
    const batch = queue.waiting.splice(0, MAX_BATCH);
    queue.inFlight = true;
    // The latest arrival: every call of the batch is checked at or after the moment it arrived.
    const now = new Date(Math.max(...batch.map((w) => w.now.getTime())));
    try {
      const { row, count } = await run(keyHash, batch.length, now);
      for (const [i, waiter] of batch.entries()) {
        waiter.resolve({ row, count: count === null ? null : count - batch.length + 1 + i, now });
      }
    } catch (error) {
      for (const waiter of batch) waiter.reject(error);
    } finally {
      queue.inFlight = false;
      if (queue.waiting.length > 0) void flush(keyHash, queue);
      else queues.delete(keyHash);
    }
  }

  return {
    /** Counts one call made with the key whose hash is `keyHash`, arrived at `now`. */
    hit(keyHash: string, now: Date): Promise<KeyHit<Row>> {
      return new Promise((resolve, reject) => {
        let queue = queues.get(keyHash);
        if (!queue) {
          queue = { inFlight: false, waiting: [] };
          queues.set(keyHash, queue);
        }
        queue.waiting.push({ now, resolve, reject });
        if (!queue.inFlight) void flush(keyHash, queue);
      });
    },
    /** Keys with a statement in flight or calls waiting (for tests). */
    get pending(): number {
      return queues.size;
    },
  };
}
