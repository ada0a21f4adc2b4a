"use client";

import { Activity, UserPlus } from "lucide-react";
import Link from "next/link";
import { useT } from "@/i18n/i18n-provider";
import { canManage } from "@/contracts/org-roles";
import { PageHeader } from "@/components/app-shell/page-header";
import { useMe } from "@/components/app-shell/me-provider";
import { BookShelf } from "@/components/books/book-shelf";
import { UsageGlance } from "@/components/books/usage-glance";
import type { DashboardData } from "./dashboard-data";

/**
 * Dashboard body: a greeting, usage at a glance, the book shelf and shortcuts to get the team going. `initial`
 * is what the server read for the first render; it is dropped once another organization is active.
 */
export function DashboardView({ initial }: { initial: DashboardData | null }) {
  const t = useT();
  const { me } = useMe();
  const org = me.activeOrganization;
  const fromServer = initial && initial.organizationId === org?.id ? initial : null;
  const manager = canManage(org?.role);
  const firstName = me.user.name.split(" ")[0] ?? me.user.name;

  return (
    <div className="space-y-8">
      <PageHeader
        title={t("dashboard.welcome", { name: firstName })}
        description={org ? t("dashboard.subtitle", { organization: org.name }) : undefined}
      />
      <UsageGlance initial={fromServer?.usage ?? null} />
      <BookShelf initial={fromServer?.shelf ?? null} />
      {manager ? (
        <div className="grid gap-4 sm:grid-cols-2">
          <Shortcut
            href="/app/settings/members"
            icon={UserPlus}
            title={t("dashboard.inviteTitle")}
            description={t("dashboard.inviteDescription")}
          />
          <Shortcut
            href="/app/activity"
            icon={Activity}
            title={t("dashboard.activityTitle")}
            description={t("dashboard.activityDescription")}
          />
        </div>
      ) : null}
    </div>
  );
}

function Shortcut({
  href,
  icon: Icon,
  title,
  description,
}: {
  href: string;
  icon: typeof Activity;
  title: string;
  description: string;
}) {
  return (
    <Link
      href={href}
      className="group flex items-start gap-3 rounded-xl border border-stone-200 bg-white p-4 shadow-sm transition hover:border-ink-300 hover:shadow focus-visible:outline-2 focus-visible:outline-ink-600"
    >
      <span className="flex size-9 shrink-0 items-center justify-center rounded-lg bg-ink-50 text-ink-700">
        <Icon className="size-5" aria-hidden="true" />
      </span>
      <span>
        <span className="block text-sm font-semibold text-stone-900 group-hover:text-ink-800">{title}</span>
        <span className="mt-0.5 block text-sm text-stone-600">{description}</span>
      </span>
    </Link>
  );
}
