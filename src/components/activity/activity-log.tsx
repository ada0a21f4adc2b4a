"use client";

import { History } from "lucide-react";
import { useState } from "react";
import { membershipActivityActions } from "@/contracts/membership-activity-actions";
import { useLocale, useOptionalMessage, useT } from "@/i18n/i18n-provider";
import { usePagedApiQuery } from "@/lib/use-paged-api-query";
import { PageHeader } from "@/components/app-shell/page-header";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageSkeleton } from "@/components/ui/page-skeleton";
import { SelectField } from "@/components/ui/select-field";
import { Table, TableHead, Td } from "@/components/ui/table";

function toneFor(action: string): "ink" | "green" | "amber" | "red" | "neutral" {
  if (action.endsWith("deleted") || action.endsWith("removed") || action.endsWith("canceled")) return "red";
  if (action.startsWith("member.") || action.startsWith("invitation.")) return "green";
  if (action.startsWith("org.")) return "ink";
  if (action === "user.password_reset") return "amber";
  return "neutral";
}

/** The organization's audit trail, newest first, filterable by action and paged with a cursor. */
export function ActivityLog() {
  const t = useT();
  const locale = useLocale();
  const lookup = useOptionalMessage();
  const [action, setAction] = useState("");
  const params = new URLSearchParams({ limit: "50" });
  if (action) params.set("action", action);
  const log = usePagedApiQuery(`/api/organization/activity?${params}`, "activityPage");
  // A new filter starts from a skeleton, not from the previous filter's rows.
  const items = log.loading || log.error ? undefined : log.items;
  const error = log.error?.status === 403 ? "forbidden" : log.error || log.moreError ? "failed" : null;

  const label = (value: string) => lookup(`activity.actions.${value}`) ?? value;
  const formatTime = (iso: string) =>
    new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short" }).format(new Date(iso));

  return (
    <div className="space-y-6">
      <PageHeader
        title={t("activity.title")}
        description={t("activity.description")}
        actions={
          <SelectField
            label={t("activity.filterLabel")}
            name="action"
            className="w-64"
            value={action}
            onChange={(event) => setAction(event.target.value)}
            options={[
              { value: "", label: t("activity.allActions") },
              ...membershipActivityActions.map((value) => ({ value, label: label(value) })),
            ]}
          />
        }
      />
      {error === "forbidden" ? <Alert tone="info">{t("activity.forbidden")}</Alert> : null}
      {error === "failed" ? <Alert tone="error">{t("errors.loadFailed")}</Alert> : null}
      {!error && !items ? <PageSkeleton /> : null}
      {items && items.length === 0 ? (
        <EmptyState icon={History} title={t("activity.emptyTitle")} description={t("activity.emptyDescription")} />
      ) : null}
      {items && items.length > 0 ? (
        <Card>
          <Table caption={t("activity.title")}>
            <TableHead
              columns={[
                t("activity.columns.time"),
                t("activity.columns.action"),
                t("activity.columns.actor"),
                t("activity.columns.ip"),
                t("activity.columns.details"),
              ]}
            />
            <tbody className="divide-y divide-stone-100" data-testid="activity-rows">
              {items.map((item) => (
                <tr key={item.id} data-action={item.action}>
                  <Td className="whitespace-nowrap text-stone-600">
                    <time dateTime={item.createdAt}>{formatTime(item.createdAt)}</time>
                  </Td>
                  <Td>
                    <Badge tone={toneFor(item.action)}>{label(item.action)}</Badge>
                    <span className="ml-2 font-mono text-xs text-stone-500">{item.action}</span>
                  </Td>
                  <Td>
                    {item.actor ? (
                      <>
                        <p className="font-medium text-stone-900">{item.actor.name}</p>
                        <p className="text-xs text-stone-500">{item.actor.email}</p>
                      </>
                    ) : (
                      <span className="text-stone-500">{t("activity.system")}</span>
                    )}
                  </Td>
                  <Td className="font-mono text-xs text-stone-600">{item.ipAddress ?? "—"}</Td>
                  <Td className="max-w-xs truncate text-xs text-stone-600" title={describeMetadata(item.metadata)}>
                    {describeMetadata(item.metadata) || (item.resource ? `${item.resource}` : "—")}
                  </Td>
                </tr>
              ))}
            </tbody>
          </Table>
          {log.nextCursor ? (
            <div className="border-t border-stone-100 px-4 py-3 text-center">
              <Button variant="secondary" size="sm" loading={log.loadingMore} onClick={() => void log.loadMore()}>
                {t("activity.loadMore")}
              </Button>
            </div>
          ) : null}
        </Card>
      ) : null}
    </div>
  );
}

/** A compact "key: value" line from the log entry's metadata object. */
function describeMetadata(metadata: unknown): string {
  if (!metadata || typeof metadata !== "object") return "";
  return Object.entries(metadata)
    .filter(([, value]) => value !== null && value !== undefined && typeof value !== "object")
    .map(([key, value]) => `${key}: ${String(value)}`)
    .join(" · ");
}
