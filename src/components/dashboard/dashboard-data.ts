import type { BillingOverview, UsageHistory } from "@/contracts/billing";
import type { BookList } from "@/contracts/books";

/**
 * What the dashboard page reads on the server for the first render (src/app/app/_server/load-dashboard.ts):
 * the same answers as the API routes the usage card and the shelf call, so the browser shows them at once
 * and fetches only what is missing.
 */
export type DashboardData = {
  /** The organization the data belongs to: a client that has switched since ignores it. */
  organizationId: string;
  /** GET /api/billing (owners and admins) or GET /api/billing/usage?months=1 (members); null otherwise. */
  usage: { overview: BillingOverview } | { history: UsageHistory } | null;
  /** The shelf's first page for one search: GET /api/books?limit=24&q=… */
  shelf: { query: string; page: BookList } | null;
};
