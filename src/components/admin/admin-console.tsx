"use client";

import { adminOrganizationsPage, adminUsersPage } from "@/contracts/admin";
import { useLocale, useT } from "@/i18n/i18n-provider";
import { usePagedApiQuery } from "@/lib/use-paged-api-query";
import { PageHeader } from "@/components/app-shell/page-header";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { PageSkeleton } from "@/components/ui/page-skeleton";
import { Table, TableHead, Td } from "@/components/ui/table";

/** Super-admin console: every organization and every user of this installation. */
export function AdminConsole() {
  const t = useT();
  const locale = useLocale();
  const organizations = usePagedApiQuery("/api/admin/organizations", adminOrganizationsPage);
  const users = usePagedApiQuery("/api/admin/users", adminUsersPage);
  const date = (iso: string) => new Intl.DateTimeFormat(locale, { dateStyle: "medium" }).format(new Date(iso));

  return (
    <div className="space-y-8">
      <PageHeader title={t("admin.title")} description={t("admin.description")} />

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
                { label: t("admin.columns.members"), className: "text-right" },
                { label: t("admin.columns.books"), className: "text-right" },
                t("admin.columns.created"),
              ]}
            />
            <tbody className="divide-y divide-stone-100">
              {organizations.items.map((org) => (
                <tr key={org.id}>
                  <Td className="font-medium">{org.name}</Td>
                  <Td className="font-mono text-xs text-stone-600">{org.slug}</Td>
                  <Td>
                    <Badge tone="ink">{org.plan}</Badge>
                  </Td>
                  <Td className="text-right tabular-nums">{org.memberCount}</Td>
                  <Td className="text-right tabular-nums">{org.bookCount}</Td>
                  <Td className="whitespace-nowrap text-stone-600">{date(org.createdAt)}</Td>
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
    </div>
  );
}
