// The SSRF guard shared by every URL an organization may type in (storage endpoints, AI engine base URLs):
// the server connects to those URLs, so in production they must not reach loopback, private networks or
// cloud metadata services unless the operator allows it. Saving checks the literal host and what the name
// resolves to now; the connections themselves are guarded again at connect time (src/lib/guarded-agents.ts),
// since DNS can change after saving. docs/decisions/0011-ssrf-guard.md explains the whole design.
import {
  findPrivateAddressError,
  type GuardOptions,
  isPrivateHostLiteral,
  resolvePublicHost,
} from "@/lib/private-address";
import { env } from "./env";
import { AppError } from "./errors";

export type PrivateEndpointSetting = "auto" | "true" | "false";

/** `auto` allows private addresses everywhere except NODE_ENV=production. */
export function privateEndpointsAllowed(setting: PrivateEndpointSetting): boolean {
  if (setting === "auto") return env().NODE_ENV !== "production";
  return setting === "true";
}

function refusal(field: string, detail?: string) {
  const reason = detail ? ` (${detail})` : "";
  return new AppError("VALIDATION_FAILED", `${field}: private and loopback addresses are not allowed${reason}`, {
    field,
    ...(detail
      ? { messageKey: "validation.url.privateAddressDetail", params: { detail } }
      : { messageKey: "validation.url.privateAddress" }),
  });
}

/** Refuses (400 VALIDATION_FAILED on `field`) a URL whose host is private, unless `setting` allows it. */
export function assertPublicEndpoint(field: string, url: string | null | undefined, setting: PrivateEndpointSetting) {
  if (!url || privateEndpointsAllowed(setting)) return;
  if (isPrivateHostLiteral(new URL(url).hostname)) throw refusal(field);
}

/**
 * `assertPublicEndpoint`, then resolves the name and refuses it if ANY address is private. A name that does
 * not resolve (yet) is accepted: nothing can be reached through it, and connections check again anyway.
 */
export async function assertPublicEndpointResolves(
  field: string,
  url: string | null | undefined,
  setting: PrivateEndpointSetting,
  guard: GuardOptions = {},
): Promise<void> {
  assertPublicEndpoint(field, url, setting);
  if (!url || privateEndpointsAllowed(setting)) return;
  try {
    await resolvePublicHost(new URL(url).hostname, guard);
  } catch (error) {
    const refused = findPrivateAddressError(error);
    if (refused) throw refusal(field, refused.message);
    // ENOTFOUND, EAI_AGAIN…: not a private address as far as anyone can tell today.
  }
}
