// The connection half of the SSRF guard: HTTP clients whose every socket (first request, retries, redirect
// hops) is opened through `guardedLookup`, so a URL an organization typed can only reach public addresses.
import http from "node:http";
import https from "node:https";
import { isIP, type Socket } from "node:net";
import { Agent as UndiciAgent, buildConnector, type Dispatcher } from "undici";
import { type GuardOptions, guardedLookup, isPrivateAddress, PrivateAddressError } from "./private-address";

/** A literal IP host never reaches `lookup` (net connects to it directly), so it is checked here. */
function literalRefusal(host: string | null | undefined, guard: GuardOptions): PrivateAddressError | undefined {
  const bare = (host ?? "").replace(/^\[|\]$/g, "");
  const isRefused = guard.isRefused ?? isPrivateAddress;
  return isIP(bare) && isRefused(bare) ? new PrivateAddressError(bare) : undefined;
}

type CreateConnection = (
  options: http.ClientRequestArgs,
  callback: (error: Error | null, socket?: Socket) => void,
) => Socket | undefined;

/** Wraps an agent's createConnection: refuse private literals, resolve names through the guard. */
function guardConnections<T extends http.Agent>(agent: T, guard: GuardOptions): T {
  const lookup = guardedLookup(guard);
  const original = (agent as unknown as { createConnection: CreateConnection }).createConnection.bind(agent);
  (agent as unknown as { createConnection: CreateConnection }).createConnection = (options, callback) => {
    const refusal = literalRefusal(options.host ?? options.hostname, guard);
    if (refusal) {
      // Returning nothing tells the agent the callback will report the outcome.
      process.nextTick(callback, refusal);
      return undefined;
    }
    return original({ ...options, lookup }, callback);
  };
  return agent;
}

/** An http.Agent (for SDK clients) that only connects to public addresses. */
export function guardedHttpAgent(guard: GuardOptions = {}): http.Agent {
  return guardConnections(new http.Agent({ keepAlive: true }), guard);
}

/** An https.Agent (for SDK clients) that only connects to public addresses; SNI and certificates keep the name. */
export function guardedHttpsAgent(guard: GuardOptions = {}): https.Agent {
  return guardConnections(new https.Agent({ keepAlive: true }), guard);
}

/**
 * An undici dispatcher for `fetch(url, { dispatcher })` that only connects to public addresses. undici 6.x
 * is the line bundled with Node 20 and 22, so Node's global fetch accepts it.
 */
export function guardedDispatcher(guard: GuardOptions = {}): Dispatcher {
  const connector = buildConnector({ lookup: guardedLookup(guard) });
  return new UndiciAgent({
    connect: (options, callback) => {
      const refusal = literalRefusal(options.hostname, guard);
      if (refusal) callback(refusal, null);
      else connector(options, callback);
    },
  });
}
