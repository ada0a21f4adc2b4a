import "server-only";
import type { z } from "zod";
import { handleRoute, noContent, type RouteOptions } from "./handle-route";
import { type ContractRoute, shouldCheckResponses } from "./route-contract";

const replyMark = Symbol("json-route.reply");

/** A JSON answer with its own status or headers (e.g. 201 with a Location, or Set-Cookie). */
export interface Reply<T> {
  readonly [replyMark]: true;
  readonly data: T;
  readonly init: ResponseInit;
}

/** Answers `data` with a status or headers other than the route's declared ones. */
export function reply<T>(data: T, init: ResponseInit): Reply<T> {
  return { [replyMark]: true, data, init };
}

function isReply<T>(value: T | Reply<T>): value is Reply<T> {
  return typeof value === "object" && value !== null && replyMark in value;
}

/**
 * A route handler that returns data of its contract's response type (src/contracts): the wrapper sends it
 * as JSON with the declared status, and outside production checks it against the schema first, so a view
 * that drifts from the contract fails the tests (500, logged) instead of reaching a browser.
 * The request checks and error envelope are handleRoute's.
 */
export function jsonRoute<S extends z.ZodType, Args extends unknown[]>(
  contract: { response: S; status?: number } & Omit<RouteOptions, "contract">,
  handler: (request: Request, ...args: Args) => Promise<z.output<S> | Reply<z.output<S>>>,
): ContractRoute<(request: Request, ...args: Args) => Promise<Response>> {
  const status = contract.status ?? 200;
  const route = handleRoute(
    async (request: Request, ...args: Args) => {
      const result = await handler(request, ...args);
      const data = isReply(result) ? result.data : result;
      if (shouldCheckResponses()) {
        const checked = contract.response.safeParse(JSON.parse(JSON.stringify(data)));
        if (!checked.success) {
          throw new Error(
            `${request.method} ${new URL(request.url).pathname} answered outside its contract: ${checked.error.message}`,
          );
        }
      }
      return Response.json(data, isReply(result) ? { status, ...result.init } : { status });
    },
    { anyContentType: contract.anyContentType },
  );
  return Object.assign(route, { contract: { kind: "json" as const, response: contract.response, status } });
}

/** A route handler that answers 204 No Content once its work is done. */
export function noContentRoute<Args extends unknown[]>(
  handler: (request: Request, ...args: Args) => Promise<void>,
  options: Omit<RouteOptions, "contract"> = {},
): ContractRoute<(request: Request, ...args: Args) => Promise<Response>> {
  const route = handleRoute(async (request: Request, ...args: Args) => {
    await handler(request, ...args);
    return noContent();
  }, options);
  return Object.assign(route, { contract: { kind: "no-content" as const } });
}
