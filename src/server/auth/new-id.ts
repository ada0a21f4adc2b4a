import "server-only";
import { randomInt } from "node:crypto";

const BASE = 36;
const BLOCK = BASE ** 4;
const block = () => randomInt(BLOCK).toString(BASE).padStart(4, "0");

/**
 * An id shaped like Prisma's `cuid()` (c + 8 base-36 characters of time + 16 more, 25 in all), the format
 * of every other id in the database. better-auth creates its rows with it, and the decoy user that a
 * sign-up with a taken email answers gets one too, so the two cannot be told apart by their ids. Unlike
 * cuid, the 16 characters are all random: a process-wide counter would show how many rows a request
 * created (a real sign-up creates several, a decoy none).
 */
export function newCuid(): string {
  return `c${Date.now().toString(BASE).padStart(8, "0")}${block()}${block()}${block()}${block()}`;
}
