"use client";

import { clsx } from "clsx";
import { Inbox, RefreshCw } from "lucide-react";
import { type FormEvent, useState } from "react";
import { useLocale, useT } from "@/i18n/i18n-provider";
import { useApiQuery } from "@/lib/use-api-query";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { TextField } from "@/components/ui/text-field";
import { linkify } from "./linkify";

/** The local outbox: every email the app "sent" while no SMTP server is configured. */
export function OutboxView({ initialTo }: { initialTo: string }) {
  const t = useT();
  const locale = useLocale();
  const [to, setTo] = useState(initialTo);
  const [filter, setFilter] = useState(initialTo);
  const [chosenId, setSelectedId] = useState<string | null>(null);
  const outbox = useApiQuery(
    filter ? `/api/dev/outbox?to=${encodeURIComponent(filter)}` : "/api/dev/outbox",
    "outboxResponse",
  );
  const emails = outbox.data?.emails;
  const failed = outbox.error !== null;
  const loading = outbox.loading;
  const load = outbox.reload;
  // The chosen email while the list still holds it, else the newest.
  const selectedId = emails?.some((email) => email.id === chosenId) ? chosenId : (emails?.[0]?.id ?? null);

  function applyFilter(event: FormEvent) {
    event.preventDefault();
    setFilter(to.trim());
  }

  const selected = emails?.find((email) => email.id === selectedId) ?? null;
  const time = (iso: string) =>
    new Intl.DateTimeFormat(locale, { dateStyle: "short", timeStyle: "medium" }).format(new Date(iso));

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="font-serif text-2xl font-semibold text-stone-900">{t("outbox.title")}</h1>
          <p className="mt-1 text-sm text-stone-600">{t("outbox.description")}</p>
        </div>
        <form onSubmit={applyFilter} className="flex w-full min-w-0 items-start gap-2 sm:w-auto">
          <TextField
            label={t("outbox.filterLabel")}
            name="to"
            type="email"
            value={to}
            onChange={(event) => setTo(event.target.value)}
            placeholder="someone@example.com"
            className="min-w-0 flex-1 sm:w-64 sm:flex-none"
          />
          <Button type="submit" variant="secondary" className="mt-7">
            {t("outbox.filter")}
          </Button>
          <Button
            variant="ghost"
            className="mt-7"
            onClick={() => void load()}
            loading={loading}
            aria-label={t("outbox.refresh")}
          >
            {loading ? null : <RefreshCw className="size-4" aria-hidden="true" />}
          </Button>
        </form>
      </div>
      {failed ? <Alert tone="error">{t("outbox.unavailable")}</Alert> : null}
      {emails && emails.length === 0 ? (
        <EmptyState icon={Inbox} title={t("outbox.emptyTitle")} description={t("outbox.emptyDescription")} />
      ) : null}
      {emails && emails.length > 0 ? (
        <div className="grid gap-4 lg:grid-cols-[22rem_1fr]">
          <ul
            className="max-h-[70vh] divide-y divide-stone-100 overflow-y-auto rounded-xl border border-stone-200 bg-white"
            aria-label={t("outbox.listLabel")}
          >
            {emails.map((email) => (
              <li key={email.id}>
                <button
                  type="button"
                  onClick={() => setSelectedId(email.id)}
                  aria-current={email.id === selectedId ? "true" : undefined}
                  className={clsx(
                    "block w-full px-4 py-3 text-left focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-ink-600",
                    email.id === selectedId ? "bg-ink-50" : "hover:bg-stone-50",
                  )}
                  data-outbox-email={email.to}
                >
                  <p className="truncate text-sm font-medium text-stone-900">{email.subject}</p>
                  <p className="mt-0.5 flex justify-between gap-2 text-xs text-stone-600">
                    <span className="truncate">{email.to}</span>
                    <time dateTime={email.createdAt} className="shrink-0">
                      {time(email.createdAt)}
                    </time>
                  </p>
                </button>
              </li>
            ))}
          </ul>
          {selected ? (
            <article className="rounded-xl border border-stone-200 bg-white" aria-labelledby="outbox-subject">
              <header className="border-b border-stone-100 px-5 py-4">
                <h2 id="outbox-subject" className="text-lg font-semibold text-stone-900">
                  {selected.subject}
                </h2>
                <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm">
                  <dt className="text-stone-500">{t("outbox.to")}</dt>
                  <dd className="text-stone-800">{selected.to}</dd>
                  <dt className="text-stone-500">{t("outbox.date")}</dt>
                  <dd className="text-stone-800">{time(selected.createdAt)}</dd>
                </dl>
              </header>
              <div
                className="whitespace-pre-wrap px-5 py-4 text-sm leading-relaxed text-stone-800"
                data-testid="outbox-body"
              >
                {linkify(selected.text)}
              </div>
              {selected.html ? (
                <details className="border-t border-stone-100 px-5 py-3">
                  <summary className="cursor-pointer text-sm font-medium text-stone-700">
                    {t("outbox.htmlPreview")}
                  </summary>
                  <iframe
                    title={t("outbox.htmlPreview")}
                    srcDoc={`<base target="_top">${selected.html}`}
                    sandbox="allow-top-navigation-by-user-activation allow-popups"
                    className="mt-3 h-80 w-full rounded-lg border border-stone-200 bg-white"
                  />
                </details>
              ) : null}
            </article>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
