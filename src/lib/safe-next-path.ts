/** Only relative in-app paths are followed after sign-in, so `?next=` cannot send users off-site. */
export function safeNextPath(next: string | null | undefined, fallback = "/app"): string {
  if (!next?.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")) return fallback;
  return next;
}
