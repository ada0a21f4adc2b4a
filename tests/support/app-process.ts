// Running Scriptorium as a child process the way a person does (`npm start` on free loopback ports), for
// the e2e runner (tests/e2e/run.ts) and the Lighthouse bench (bench/lighthouse.ts).
import type { ChildProcess } from "node:child_process";
import net from "node:net";

/** A port nobody listens on right now (the OS picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        address && typeof address === "object" ? resolve(address.port) : reject(new Error("no port")),
      );
    });
  });
}

/** Waits until GET `url` (the health route) answers `{ ok: true }`; fails early if the server exits. */
export async function waitForHealth(
  url: string,
  server: ChildProcess,
  { log, timeoutMs }: { log: string; timeoutMs: number },
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`the server exited early (code ${server.exitCode}); see ${log}`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(5_000) });
      if (response.ok && ((await response.json()) as { ok?: boolean }).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
  throw new Error(`${url} did not answer within ${timeoutMs / 1000} s; see ${log}`);
}

/** SIGTERM to the server's whole process group (npm → tsx → start.ts → web + worker), SIGKILL if it hangs. */
export async function stopProcessGroup(server: ChildProcess): Promise<void> {
  if (server.exitCode !== null || server.signalCode !== null || !server.pid) return;
  const exited = new Promise<void>((resolve) => server.once("exit", () => resolve()));
  try {
    process.kill(-server.pid, "SIGTERM");
  } catch {
    return;
  }
  const timer = setTimeout(() => {
    try {
      process.kill(-server.pid!, "SIGKILL");
    } catch {
      // already gone
    }
  }, 30_000);
  await exited;
  clearTimeout(timer);
}
