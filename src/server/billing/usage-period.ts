import "server-only";
/** A usage period: one calendar month in UTC, [periodStart, periodEnd). */
export interface UsagePeriod {
  periodStart: Date;
  periodEnd: Date;
}

/**
 * The calendar month (UTC) containing `at`, optionally shifted by `offsetMonths`. Every UsageMetric row
 * (BOOKS_CREATED, STORAGE_USED, API_CALLS) uses these boundaries, so the unique key
 * (organizationId, metric, periodStart) means "this metric in this month" for every writer.
 */
export function usagePeriod(at: Date = new Date(), offsetMonths = 0): UsagePeriod {
  const periodStart = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth() + offsetMonths, 1));
  const periodEnd = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth() + offsetMonths + 1, 1));
  return { periodStart, periodEnd };
}
