"use client";

import { Receipt } from "lucide-react";
import { useLocale, useT } from "@/i18n/i18n-provider";
import { Badge } from "@/components/ui/badge";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { Table, TableHead, Td } from "@/components/ui/table";
import type { BillingInvoice, InvoiceStatus } from "@/contracts/billing";
import { formatDate, formatMoney } from "./format";

const statusTone: Record<InvoiceStatus, "green" | "amber" | "red" | "neutral"> = {
  PAID: "green",
  PENDING: "amber",
  FAILED: "red",
  VOID: "neutral",
};

/** The organization's invoices, newest first, each with its line items behind a disclosure. */
export function InvoicesTable({ invoices }: { invoices: BillingInvoice[] }) {
  const t = useT();
  const locale = useLocale();
  return (
    <Card>
      <CardHeader title={t("settingsExtra.billing.invoicesTitle")} />
      {invoices.length === 0 ? (
        <CardBody>
          <div className="flex items-center gap-3 text-sm text-stone-600">
            <Receipt className="size-5 text-stone-400" aria-hidden="true" />
            <div>
              <p className="font-medium text-stone-800">{t("settingsExtra.billing.invoicesEmptyTitle")}</p>
              <p>{t("settingsExtra.billing.invoicesEmptyDescription")}</p>
            </div>
          </div>
        </CardBody>
      ) : (
        <Table caption={t("settingsExtra.billing.invoicesTitle")}>
          <TableHead
            columns={[
              t("settingsExtra.billing.columns.date"),
              t("settingsExtra.billing.columns.period"),
              t("settingsExtra.billing.columns.reference"),
              t("settingsExtra.billing.columns.status"),
              { label: t("settingsExtra.billing.columns.amount"), className: "text-right" },
            ]}
          />
          <tbody className="divide-y divide-stone-100" data-testid="invoice-rows">
            {invoices.map((invoice) => (
              <tr key={invoice.id} data-invoice-status={invoice.status} className="align-top">
                <Td className="whitespace-nowrap">{formatDate(invoice.paidAt ?? invoice.createdAt, locale)}</Td>
                <Td className="whitespace-nowrap text-stone-600">
                  {invoice.periodStart && invoice.periodEnd
                    ? `${formatDate(invoice.periodStart, locale)} – ${formatDate(invoice.periodEnd, locale)}`
                    : "—"}
                </Td>
                <Td>
                  <span className="font-mono text-xs text-stone-700">{invoice.reference ?? "—"}</span>
                  {invoice.items.length > 0 ? (
                    <details className="mt-1">
                      <summary className="cursor-pointer text-xs font-medium text-ink-800 focus-visible:outline-2 focus-visible:outline-ink-600">
                        {t("settingsExtra.billing.items")}
                      </summary>
                      <ul
                        className="mt-1 space-y-0.5 text-xs text-stone-700"
                        aria-label={t("settingsExtra.billing.itemsOf", { reference: invoice.reference ?? invoice.id })}
                      >
                        {invoice.items.map((item, index) => (
                          // biome-ignore lint/suspicious/noArrayIndexKey: items have no id and never reorder
                          <li key={index}>
                            {item.description}
                            {item.quantity !== 1 ? ` × ${item.quantity}` : ""} —{" "}
                            {formatMoney(item.amount, invoice.currency, locale)}
                          </li>
                        ))}
                      </ul>
                    </details>
                  ) : null}
                </Td>
                <Td>
                  <Badge tone={statusTone[invoice.status] ?? "neutral"}>
                    {t(`settingsExtra.billing.invoiceStatus.${invoice.status}`)}
                  </Badge>
                </Td>
                <Td className="whitespace-nowrap text-right tabular-nums font-medium">
                  {formatMoney(invoice.amount, invoice.currency, locale)}
                </Td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
    </Card>
  );
}
