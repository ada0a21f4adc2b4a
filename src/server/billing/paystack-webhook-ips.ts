import "server-only";
import { BlockList, isIP } from "node:net";
import { normalizeIp } from "@/lib/client-ip";

/**
 * The addresses Paystack sends webhooks from, as its webhook guide publishes them
 * (paystack.com/docs/payments/webhooks, "IP whitelisting").
 */
export const PAYSTACK_PUBLISHED_WEBHOOK_IPS = ["52.31.139.75", "52.49.173.169", "52.214.14.220"] as const;

/**
 * Parses PAYSTACK_WEBHOOK_IPS: unset, empty or "false" = no allow-list (the signature alone decides);
 * "true" = Paystack's published addresses; otherwise a comma-separated list of addresses and CIDRs.
 * Throws on anything else, so a typo cannot silently open (or close) the webhook.
 */
export function parsePaystackWebhookIps(value: string | undefined): BlockList | null {
  const text = (value ?? "").trim();
  if (text === "" || text === "false") return null;
  const entries = text === "true" ? [...PAYSTACK_PUBLISHED_WEBHOOK_IPS] : text.split(",").map((part) => part.trim());
  const list = new BlockList();
  for (const entry of entries) {
    const [address, prefix] = entry.split("/");
    const ip = normalizeIp(address);
    if (!ip) throw new Error(`"${entry}" is not an IP address or CIDR (or true/false)`);
    const family = isIP(ip) === 4 ? "ipv4" : "ipv6";
    if (prefix === undefined) {
      list.addAddress(ip, family);
      continue;
    }
    const bits = /^\d+$/.test(prefix) ? Number(prefix) : Number.NaN;
    if (!(bits >= 0 && bits <= (family === "ipv4" ? 32 : 128))) throw new Error(`"${entry}" has an invalid prefix`);
    list.addSubnet(ip, bits, family);
  }
  return list;
}
