import "server-only";
import { headers } from "next/headers";
import { SHELF_PAGE_SIZE } from "@/components/books/shelf-query";
import type { DashboardData } from "@/components/dashboard/dashboard-data";
import { orgContext } from "@/server/auth/org-context";
import { can } from "@/server/auth/permissions";
import { getBillingOverview } from "@/server/billing/get-billing-overview";
import { getUsageHistory } from "@/server/billing/get-usage-history";
import { listBooks } from "@/server/books/list-books";
import type { Ctx } from "@/server/context";
import { AppError } from "@/server/errors";

/** A refused or failed part is left to the browser, which asks the API and shows the answer as before. */
async function orNull<T>(read: () => Promise<T>): Promise<T | null> {
  try {
    return await read();
  } catch (error) {
    if (error instanceof AppError) return null;
    throw error;
  }
}

/**
 * The dashboard's usage card and the shelf's first page for a member's context: the same use cases and
 * checks as the API routes the browser would call (GET /api/billing or /api/billing/usage, GET /api/books).
 */
export async function readDashboard(ctx: Ctx, query: string): Promise<DashboardData> {
  const usage = async (): Promise<DashboardData["usage"]> => {
    // The card's choice (src/components/books/usage-glance.tsx): the plan's limits for those who may read
    // billing, this month's counts for the other writers, nothing for guests.
    if (can(ctx.actor, "billing:read")) return { overview: await getBillingOverview(ctx) };
    if (can(ctx.actor, "book:create") && can(ctx.actor, "usage:read")) {
      return { history: await getUsageHistory(ctx, { months: 1 }) };
    }
    return null;
  };
  const [usageData, page] = await Promise.all([
    orNull(usage),
    orNull(() => listBooks(ctx, { limit: SHELF_PAGE_SIZE, q: query || undefined })),
  ]);
  return { organizationId: ctx.actor.organizationId, usage: usageData, shelf: page ? { query, page } : null };
}

/**
 * The dashboard's first render, read on the server so the usage card and the cards are in the first HTML:
 * nothing appears above the shelf once numbers load (that moved the page, CLS ≈ 0.2 on a phone) and the
 * cards are there before any script runs. Null without an active organization (the page then loads as
 * before, from the browser).
 */
export async function loadDashboard(query: string): Promise<DashboardData | null> {
  const request = new Request("http://internal.invalid/api/books", { headers: await headers() });
  const ctx = await orNull(() => orgContext(request));
  return ctx ? readDashboard(ctx, query) : null;
}
