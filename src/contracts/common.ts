import { z } from "zod";

// The contract modules (src/contracts/*) describe every JSON body that crosses the browser ↔ server
// boundary, once, with Zod. They import nothing but zod and each other (no Prisma, no server code), so the
// UI, the route handlers, the v1 OpenAPI document and the tests all read the same declarations.

/** A timestamp on the wire: views turn Date into ISO 8601 text before it leaves the server. */
export const isoDate = z.iso.datetime();

/** A cursor-paginated list, as every list route answers. */
export function pageOf<Item extends z.ZodType>(item: Item) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}

/** A route that answers `{ ok: true }` (actions with nothing else to report). */
export const okSchema = z.object({ ok: z.literal(true) });
export type Ok = z.infer<typeof okSchema>;
