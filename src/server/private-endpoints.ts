// The SSRF guard shared by every URL an organization may type in (storage endpoints, CDN base URLs, AI
// engine base URLs): the server fetches those URLs, so in production they must not reach loopback,
// private networks or cloud metadata services unless the operator allows it.
import { isIP } from "node:net";
import { env } from "./env";
import { AppError } from "./errors";

export type PrivateEndpointSetting = "auto" | "true" | "false";

/** `auto` allows private addresses everywhere except NODE_ENV=production. */
export function privateEndpointsAllowed(setting: PrivateEndpointSetting): boolean {
  if (setting === "auto") return env().NODE_ENV !== "production";
  return setting === "true";
}

/** True for loopback, private, link-local and metadata hosts written literally (DNS names are not resolved). */
export function isPrivateHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, "").toLowerCase();
  if (host === "localhost" || host.endsWith(".localhost") || host === "metadata.google.internal") return true;
  if (isIP(host) === 4) {
    const [a, b] = host.split(".").map(Number) as [number, number];
    return (
      a === 0 ||
      a === 10 ||
      a === 127 ||
      (a === 169 && b === 254) ||
      (a === 172 && b >= 16 && b <= 31) ||
      (a === 192 && b === 168) ||
      (a === 100 && b >= 64 && b <= 127)
    );
  }
  if (isIP(host) === 6) {
    return (
      host === "::" || host === "::1" || /^f[cd]/.test(host) || /^fe[89ab]/.test(host) || host.startsWith("::ffff:")
    );
  }
  return false;
}

/** Refuses (400 VALIDATION_FAILED on `field`) a URL whose host is private, unless `setting` allows it. */
export function assertPublicEndpoint(field: string, url: string | null | undefined, setting: PrivateEndpointSetting) {
  if (!url || privateEndpointsAllowed(setting)) return;
  if (isPrivateHost(new URL(url).hostname)) {
    throw new AppError("VALIDATION_FAILED", `${field}: private and loopback addresses are not allowed`, { field });
  }
}
