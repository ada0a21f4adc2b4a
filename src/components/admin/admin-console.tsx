"use client";

import { useState } from "react";
import type { AdminOrganization } from "@/contracts/admin";
import { useLocale, useT } from "@/i18n/i18n-provider";
import { apiFetch } from "@/lib/api-fetch";
import { planNames } from "@/lib/plan-names";
import { usePagedApiQuery } from "@/lib/use-paged-api-query";
import { ConfirmDialog } from "@/components/books/confirm-dialog";
import { useApiErrors } from "@/components/forms/use-api-errors";
import { PageHeader } from "@/components/app-shell/page-header";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { PageSkeleton } from "@/components/ui/page-skeleton";
import { Table, TableHead, Td } from "@/components/ui/table";
import { GrantPlanDialog } from "./grant-plan-dialog";

/** Super-admin console: every organization and every user of this installation. */
export function AdminConsole() {
  const t = useT();
  const locale = useLocale();
  const organizations = usePagedApiQuery("/api/admin/organizations", "adminOrganizationsPage");
  const users = usePagedApiQuery("/api/admin/users", "adminUsersPage");
  const date = (iso: string) => new Intl.DateTimeFormat(locale, { dateStyle: "medium" }).format(new Date(iso));
  const [granting, setGranting] = useState<AdminOrganization | null>(null);
  const [editing, setEditing] = useState<AdminOrganization | null>(null);
  const [ending, setEnding] = useState<AdminOrganization | null>(null);
  const [endBusy, setEndBusy] = useState(false);
  const { describe } = useApiErrors([]);
  const [notice, setNotice] = useState<{ tone: "success" | "error"; text: string } | null>(null);

  async function endGrant(org: AdminOrganization) {
    if (!org.grant) return;
    setEndBusy(true);
    const result = await apiFetch(
      `/api/admin/organizations/${encodeURIComponent(org.id)}/grants/${encodeURIComponent(org.grant.id)}/end`,
      { method: "POST", schema: "planGrantResponse" },
    );
    setEndBusy(false);
    setEnding(null);
    setNotice(
      result.ok
        ? { tone: "success", text: t("admin.grant.ended", { organization: org.name }) }
        : { tone: "error", text: describe(result.error) },
    );
    void organizations.reload();
  }

  return (
    <div className="space-y-8">
      <PageHeader title={t("admin.title")} description={t("admin.description")} />
      <div aria-live="polite" data-testid="admin-notice">
        {notice ? <Alert tone={notice.tone}>{notice.text}</Alert> : null}
      </div>

      <Card>
        <CardHeader title={t("admin.organizations")} />
        {organizations.error || organizations.moreError ? (
          <Alert tone="error" className="m-4">
            {t("errors.loadFailed")}
          </Alert>
        ) : null}
        {!organizations.items && !organizations.error ? (
          <div className="p-4">
            <PageSkeleton />
          </div>
        ) : null}
        {organizations.items ? (
          <Table caption={t("admin.organizations")}>
            <TableHead
              columns={[
                t("admin.columns.name"),
                t("admin.columns.slug"),
                t("admin.columns.plan"),
                t("admin.columns.grant"),
                { label: t("admin.columns.members"), className: "text-right" },
                { label: t("admin.columns.books"), className: "text-right" },
                t("admin.columns.created"),
                t("admin.columns.actions"),
              ]}
            />
            <tbody className="divide-y divide-stone-100">
              {organizations.items.map((org) => (
                <tr key={org.id} data-testid="admin-organization" data-slug={org.slug} data-plan={org.plan}>
                  <Td className="font-medium">{org.name}</Td>
                  <Td className="font-mono text-xs text-stone-600">{org.slug}</Td>
                  <Td>
                    <Badge tone="ink">{org.plan}</Badge>
                    {org.paidPlan !== org.plan ? (
                      <span className="ml-2 text-xs text-stone-600">
                        {t("admin.grant.paid", { plan: planNames[org.paidPlan] })}
                      </span>
                    ) : null}
                  </Td>
                  <Td className="text-sm text-stone-700" data-testid="admin-organization-grant">
                    {org.grant ? (
                      <>
                        <span className="font-medium">{planNames[org.grant.plan]}</span>,{" "}
                        {org.grant.endsAt
                          ? t("admin.grant.until", { date: date(org.grant.endsAt) })
                          : t("admin.grant.noEnd")}
                        <span className="block text-xs text-stone-600">
                          {t("admin.grant.byOn", {
                            name: org.grant.grantedBy?.name ?? "—",
                            date: date(org.grant.createdAt),
                          })}
                        </span>
                      </>
                    ) : (
                      <span className="text-stone-600">{t("admin.grant.none")}</span>
                    )}
                  </Td>
                  <Td className="text-right tabular-nums">{org.memberCount}</Td>
                  <Td className="text-right tabular-nums">{org.bookCount}</Td>
                  <Td className="whitespace-nowrap text-stone-600">{date(org.createdAt)}</Td>
                  <Td className="whitespace-nowrap">
                    {org.grant ? (
                      <span className="inline-flex gap-2">
                        <Button size="sm" variant="secondary" onClick={() => setEditing(org)}>
                          {t("admin.grant.edit")}
                          <span className="sr-only">: {org.name}</span>
                        </Button>
                        <Button size="sm" variant="secondary" onClick={() => setEnding(org)}>
                          {t("admin.grant.end")}
                          <span className="sr-only">: {org.name}</span>
                        </Button>
                      </span>
                    ) : (
                      <Button size="sm" variant="secondary" onClick={() => setGranting(org)}>
                        {t("admin.grant.open")}
                        <span className="sr-only">: {org.name}</span>
                      </Button>
                    )}
                  </Td>
                </tr>
              ))}
            </tbody>
          </Table>
        ) : null}
        {organizations.nextCursor ? (
          <div className="border-t border-stone-100 px-4 py-3 text-center">
            <Button
              size="sm"
              variant="secondary"
              loading={organizations.loadingMore}
              onClick={() => void organizations.loadMore()}
            >
              {t("activity.loadMore")}
            </Button>
          </div>
        ) : null}
      </Card>

      <Card>
        <CardHeader title={t("admin.users")} />
        {users.error || users.moreError ? (
          <Alert tone="error" className="m-4">
            {t("errors.loadFailed")}
          </Alert>
        ) : null}
        {!users.items && !users.error ? (
          <div className="p-4">
            <PageSkeleton />
          </div>
        ) : null}
        {users.items ? (
          <Table caption={t("admin.users")}>
            <TableHead
              columns={[
                t("admin.columns.name"),
                t("admin.columns.email"),
                t("admin.columns.role"),
                t("admin.columns.verified"),
                { label: t("admin.columns.organizations"), className: "text-right" },
                t("admin.columns.created"),
              ]}
            />
            <tbody className="divide-y divide-stone-100">
              {users.items.map((user) => (
                <tr key={user.id}>
                  <Td className="font-medium">{user.name}</Td>
                  <Td className="text-stone-600">{user.email}</Td>
                  <Td>
                    <Badge tone={user.role === "SUPER_ADMIN" ? "ink" : "neutral"}>{t(`userRoles.${user.role}`)}</Badge>
                  </Td>
                  <Td>
                    {user.emailVerified ? (
                      <Badge tone="green">{t("common.yes")}</Badge>
                    ) : (
                      <Badge tone="amber">{t("common.no")}</Badge>
                    )}
                  </Td>
                  <Td className="text-right tabular-nums">{user.organizationCount}</Td>
                  <Td className="whitespace-nowrap text-stone-600">{date(user.createdAt)}</Td>
                </tr>
              ))}
            </tbody>
          </Table>
        ) : null}
        {users.nextCursor ? (
          <div className="border-t border-stone-100 px-4 py-3 text-center">
            <Button size="sm" variant="secondary" loading={users.loadingMore} onClick={() => void users.loadMore()}>
              {t("activity.loadMore")}
            </Button>
          </div>
        ) : null}
      </Card>
      <GrantPlanDialog
        organization={granting}
        onClose={() => setGranting(null)}
        onGranted={(org, plan) => {
          setGranting(null);
          setNotice({ tone: "success", text: t("admin.grant.granted", { organization: org.name, plan }) });
          void organizations.reload();
        }}
      />
      <GrantPlanDialog
        organization={editing}
        edit
        onClose={() => setEditing(null)}
        onGranted={(org, plan) => {
          setEditing(null);
          setNotice({ tone: "success", text: t("admin.grant.updated", { organization: org.name, plan }) });
          void organizations.reload();
        }}
      />
      <ConfirmDialog
        open={ending !== null}
        title={t("admin.grant.end")}
        description={
          ending?.grant
            ? t("admin.grant.endConfirm", { plan: planNames[ending.grant.plan], organization: ending.name })
            : undefined
        }
        confirmLabel={t("admin.grant.endSubmit")}
        cancelLabel={t("admin.grant.cancel")}
        busy={endBusy}
        tone="danger"
        onConfirm={() => {
          if (ending) void endGrant(ending);
        }}
        onClose={() => setEnding(null)}
      />
    </div>
  );
}
