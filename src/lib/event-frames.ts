import type { ContractData, ContractName } from "./contract-names";

/** A Server-Sent Events frame's JSON; null when it is malformed. */
function frameJson(event: Event): unknown {
  if (!(event instanceof MessageEvent) || typeof event.data !== "string") return null;
  try {
    return JSON.parse(event.data);
  } catch {
    return null;
  }
}

/** A frame's data; null when it is malformed or, in development and tests, off the contract it is named by. */
async function checkedFrame<N extends ContractName>(event: Event, schema: N): Promise<ContractData<N> | null> {
  const json = frameJson(event);
  if (json === null) return null;
  // Production trusts the server, as apiFetch does, so Zod is not loaded for the frames.
  if (process.env.NODE_ENV !== "production") {
    const { contractMismatch } = await import("./check-answer");
    const mismatch = contractMismatch(schema, json);
    if (mismatch !== null) {
      console.error(`event frame outside its contract: ${mismatch}`);
      return null;
    }
  }
  return json as ContractData<N>;
}

/**
 * Listeners for one event stream's frames that run in the order the frames came, although checking a
 * frame may first wait for the checker to load. `on` hands over a frame's data, typed by the contract it
 * names, and skips a malformed or off-contract frame; `raw` hands over a frame's JSON as it is (null when
 * malformed).
 */
export function orderedFrames() {
  let queue: Promise<void> = Promise.resolve();
  const enqueue = (work: () => Promise<void> | void) => {
    queue = queue.then(work).catch((cause: unknown) => console.error(cause));
  };
  return {
    on<N extends ContractName>(schema: N, handle: (data: ContractData<N>) => void) {
      return (event: Event) =>
        enqueue(async () => {
          const data = await checkedFrame(event, schema);
          if (data !== null) handle(data);
        });
    },
    raw(handle: (json: unknown) => void) {
      return (event: Event) => enqueue(() => handle(frameJson(event)));
    },
  };
}
