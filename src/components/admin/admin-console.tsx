"use client";

import { useCallback, useEffect, useState } from "react";
import { useLocale, useT } from "@/i18n/i18n-provider";
import { apiFetch } from "@/lib/api-fetch";
import type { AdminOrganization, AdminUser, Page } from "@/lib/api-types";
import { PageHeader } from "@/components/app-shell/page-header";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { PageSkeleton } from "@/components/ui/page-skeleton";
import { Table, Td, Th } from "@/components/ui/table";

/** Loads a cursor-paged admin list and appends further pages on demand. */
function usePagedList<T>(path: string) {
  const [items, setItems] = useState<T[] | null>(null);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);
  const [loading, setLoading] = useState(false);

  const load = useCallback(
    async (cursor: string | null) => {
      setLoading(true);
      const result = await apiFetch<Page<T>>(cursor ? `${path}?cursor=${encodeURIComponent(cursor)}` : path);
      setLoading(false);
      if (!result.ok) return setFailed(true);
      setItems((current) => (cursor ? [...(current ?? []), ...result.data.items] : result.data.items));
      setNextCursor(result.data.nextCursor);
    },
    [path],
  );

  useEffect(() => {
    void load(null);
  }, [load]);

  return { items, nextCursor, failed, loading, loadMore: () => void load(nextCursor) };
}

/** Super-admin console: every organization and every user of this installation. */
export function AdminConsole() {
  const t = useT();
  const locale = useLocale();
  const organizations = usePagedList<AdminOrganization>("/api/admin/organizations");
  const users = usePagedList<AdminUser>("/api/admin/users");
  const date = (iso: string) => new Intl.DateTimeFormat(locale, { dateStyle: "medium" }).format(new Date(iso));

  return (
    <div className="space-y-8">
      <PageHeader title={t("admin.title")} description={t("admin.description")} />

      <Card>
        <CardHeader title={t("admin.organizations")} />
        {organizations.failed ? (
          <Alert tone="error" className="m-4">
            {t("errors.loadFailed")}
          </Alert>
        ) : null}
        {!organizations.items && !organizations.failed ? (
          <div className="p-4">
            <PageSkeleton />
          </div>
        ) : null}
        {organizations.items ? (
          <Table caption={t("admin.organizations")}>
            <thead className="bg-stone-50">
              <tr>
                <Th>{t("admin.columns.name")}</Th>
                <Th>{t("admin.columns.slug")}</Th>
                <Th>{t("admin.columns.plan")}</Th>
                <Th className="text-right">{t("admin.columns.members")}</Th>
                <Th className="text-right">{t("admin.columns.books")}</Th>
                <Th>{t("admin.columns.created")}</Th>
              </tr>
            </thead>
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
            <Button size="sm" variant="secondary" loading={organizations.loading} onClick={organizations.loadMore}>
              {t("activity.loadMore")}
            </Button>
          </div>
        ) : null}
      </Card>

      <Card>
        <CardHeader title={t("admin.users")} />
        {users.failed ? (
          <Alert tone="error" className="m-4">
            {t("errors.loadFailed")}
          </Alert>
        ) : null}
        {!users.items && !users.failed ? (
          <div className="p-4">
            <PageSkeleton />
          </div>
        ) : null}
        {users.items ? (
          <Table caption={t("admin.users")}>
            <thead className="bg-stone-50">
              <tr>
                <Th>{t("admin.columns.name")}</Th>
                <Th>{t("admin.columns.email")}</Th>
                <Th>{t("admin.columns.role")}</Th>
                <Th>{t("admin.columns.verified")}</Th>
                <Th className="text-right">{t("admin.columns.organizations")}</Th>
                <Th>{t("admin.columns.created")}</Th>
              </tr>
            </thead>
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
            <Button size="sm" variant="secondary" loading={users.loading} onClick={users.loadMore}>
              {t("activity.loadMore")}
            </Button>
          </div>
        ) : null}
      </Card>
    </div>
  );
}
