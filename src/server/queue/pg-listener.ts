import "server-only";
import pg from "pg";

export interface PgListener {
  stop(): Promise<void>;
}

/**
 * LISTENs on `channel` with a dedicated connection and calls `onMessage(payload)` per notification;
 * reconnects after a lost connection (with a short backoff) until stopped. Used by the queue wake-up and by
 * the job progress events.
 */
export function listenToChannel(
  url: string,
  channel: string,
  onMessage: (payload: string) => void,
  log: (message: string) => void = () => {},
): PgListener {
  let client: pg.Client | undefined;
  let stopped = false;
  let retryTimer: NodeJS.Timeout | undefined;
  let failures = 0;

  const connect = async () => {
    if (stopped) return;
    const next = new pg.Client({ connectionString: url, application_name: `scriptorium-listen-${channel}` });
    const retry = () => {
      if (stopped || client !== next) return;
      client = undefined;
      next.removeAllListeners();
      next.end().catch(() => {});
      failures += 1;
      retryTimer = setTimeout(connect, Math.min(10_000, 250 * 2 ** Math.min(failures, 6)));
      retryTimer.unref();
    };
    client = next;
    next.on("notification", (message) => {
      if (message.channel === channel) onMessage(message.payload ?? "");
    });
    next.on("error", (error) => {
      log(`LISTEN ${channel}: ${error.message}`);
      retry();
    });
    next.on("end", retry);
    try {
      await next.connect();
      await next.query(`LISTEN "${channel.replace(/"/g, '""')}"`);
      failures = 0;
    } catch (error) {
      log(`LISTEN ${channel} failed: ${error instanceof Error ? error.message : String(error)}`);
      retry();
    }
  };
  void connect();

  return {
    async stop() {
      stopped = true;
      if (retryTimer) clearTimeout(retryTimer);
      const current = client;
      client = undefined;
      if (current) {
        current.removeAllListeners();
        current.on("error", () => {});
        await current.end().catch(() => {});
      }
    },
  };
}
