import { clientIp } from "@/lib/client-ip";
import type { RequestMeta } from "../context";

/** IP address and user agent of a request, for the activity log. */
export function requestMeta(request: Request): RequestMeta {
  return { ipAddress: clientIp(request.headers), userAgent: request.headers.get("user-agent")?.slice(0, 500) ?? null };
}
