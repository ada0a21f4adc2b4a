/** Same minimum and maximum the server enforces (better-auth emailAndPassword options). */
export const passwordLength = { min: 8, max: 128 } as const;

/** A pragmatic email shape check; the server has the final word. */
export function looksLikeEmail(value: string): boolean {
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value.trim());
}
