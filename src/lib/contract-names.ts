import type { z } from "zod";
// A type-only import: the browser never loads the contracts for these names (see src/contracts/responses.ts).
import type * as contracts from "@/contracts/responses";

type Contracts = typeof contracts;
/** The export name of a schema in src/contracts: how the browser names the answer it expects. */
export type ContractName = { [K in keyof Contracts]: Contracts[K] extends z.ZodType ? K : never }[keyof Contracts];
/** The data a route answers under a contract. */
export type ContractData<N extends ContractName> = z.output<Contracts[N]>;
