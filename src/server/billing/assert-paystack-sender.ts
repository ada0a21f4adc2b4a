import "server-only";
import type { BlockList } from "node:net";
import { isIP } from "node:net";
import { env } from "@/server/env";
import { AppError } from "@/server/errors";
import { clientIp } from "@/server/http/request-meta";
import { parsePaystackWebhookIps } from "./paystack-webhook-ips";

let allowList: { source: string | undefined; list: BlockList | null } | undefined;

/**
 * With PAYSTACK_WEBHOOK_IPS set, refuses (403 FORBIDDEN) a webhook delivery whose client address, read
 * through the TRUSTED_PROXIES rule, is not on the allow-list; the signature is still checked afterwards.
 * Without it, does nothing: the HMAC signature is the authentication, the list only a second fence.
 */
export function assertPaystackSender(headers: Headers): void {
  const source = env().PAYSTACK_WEBHOOK_IPS;
  const cached =
    allowList !== undefined && allowList.source === source
      ? allowList
      : { source, list: parsePaystackWebhookIps(source) };
  allowList = cached;
  const list = cached.list;
  if (!list) return;
  const ip = clientIp(headers);
  if (ip && list.check(ip, isIP(ip) === 4 ? "ipv4" : "ipv6")) return;
  console.warn(`[billing] refused a Paystack webhook from ${ip ?? "an unknown address"} (PAYSTACK_WEBHOOK_IPS)`);
  throw new AppError("FORBIDDEN", "This address may not deliver Paystack webhooks");
}
