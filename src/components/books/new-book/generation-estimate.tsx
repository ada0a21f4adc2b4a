"use client";

import { useEffect, useState } from "react";
import { useLocale, useT } from "@/i18n/i18n-provider";
import { useApiQuery } from "@/lib/use-api-query";
import { formatNumber } from "@/components/books/book-format";

/** Wait this long after the last keystroke before asking for a new estimate. */
const DEBOUNCE_MS = 300;

/** The estimate's query for valid sizes (the server's bounds), or null while the fields are not a book yet. */
export function estimatePath(targetWords: string, targetChapters: string, engine: string): string | null {
  if (!/^\d+$/.test(targetWords.trim()) || !/^\d+$/.test(targetChapters.trim())) return null;
  const words = Number(targetWords);
  const chapters = Number(targetChapters);
  if (chapters < 1 || chapters > 50 || words < 500 || words > 200_000 || words < chapters * 100) return null;
  const query = new URLSearchParams({ targetWords: String(words), targetChapters: String(chapters) });
  if (engine) query.set("engine", engine);
  return `/api/books/estimate?${query}`;
}

/** A money amount in the organization's currency: cents for amounts above 1, more digits for small ones. */
function formatCost(amount: number, currency: string, locale: string): string {
  try {
    return new Intl.NumberFormat(locale, {
      style: "currency",
      currency,
      maximumFractionDigits: amount > 0 && amount < 1 ? 4 : 2,
    }).format(amount);
  } catch {
    return `${amount.toFixed(2)} ${currency}`;
  }
}

/**
 * The live estimate under the size fields: tokens (and cost, where the organization set prices for its
 * engine) for the book as it is being sized, before it starts. Nothing when it cannot be read (a guest).
 */
export function GenerationEstimate({
  targetWords,
  targetChapters,
  engine,
}: {
  targetWords: string;
  targetChapters: string;
  engine: string;
}) {
  const t = useT();
  const locale = useLocale();
  const wanted = estimatePath(targetWords, targetChapters, engine);
  const [path, setPath] = useState(wanted);
  useEffect(() => {
    const timer = setTimeout(() => setPath(wanted), DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [wanted]);
  const query = useApiQuery(path, "generationEstimateSchema");
  const estimate = path === null ? undefined : query.data;

  let text: string | null = null;
  if (estimate?.placeholder) text = t("books.wizard.estimate.demo");
  else if (estimate?.cost) {
    text = t("books.wizard.estimate.tokensAndCost", {
      tokens: formatNumber(estimate.totalTokens, locale),
      cost: formatCost(estimate.cost.total, estimate.cost.currency, locale),
    });
  } else if (estimate) {
    text = `${t("books.wizard.estimate.tokens", { tokens: formatNumber(estimate.totalTokens, locale) })} ${t(
      "books.wizard.estimate.noPrice",
    )}`;
  }
  return (
    <p className="text-sm text-stone-700 empty:hidden" role="status" aria-live="polite" data-testid="book-estimate">
      {text ?? ""}
    </p>
  );
}
