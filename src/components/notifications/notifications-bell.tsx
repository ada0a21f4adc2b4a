"use client";

import * as DropdownMenu from "@radix-ui/react-dropdown-menu";
import { clsx } from "clsx";
import { Bell, CheckCheck, CircleAlert, CircleCheck } from "lucide-react";
import { useRouter } from "next/navigation";
import { useEffect } from "react";
import type { MarkNotificationsReadBody, NotificationItem } from "@/contracts/notifications";
import { useLocale, useT } from "@/i18n/i18n-provider";
import { apiFetch } from "@/lib/api-fetch";
import { useApiQuery } from "@/lib/use-api-query";
import { MenuPanel } from "@/components/ui/menu-panel";
import { useMe } from "@/components/app-shell/me-provider";
import { formatRelative } from "@/components/books/book-format";

const POLL_MS = 30_000;
const itemClass =
  "flex w-full cursor-pointer select-none items-start gap-3 rounded-md px-2 py-2 text-left text-sm outline-none data-[highlighted]:bg-ink-50";

/**
 * The header's bell: unread count on the icon, the latest notifications in a menu (newest first), each
 * opening its book (switching to the book's organization first when needed) and marking itself read, plus
 * "mark all as read". Refreshed every 30 s, when the window regains focus and when the menu opens.
 */
export function NotificationsBell() {
  const t = useT();
  const locale = useLocale();
  const router = useRouter();
  const { me, refresh } = useMe();
  const {
    data,
    error,
    reload: load,
  } = useApiQuery("/api/notifications?limit=10", "notificationsPage", {
    refreshMs: POLL_MS,
  });

  useEffect(() => {
    const onFocus = () => void load();
    window.addEventListener("focus", onFocus);
    return () => window.removeEventListener("focus", onFocus);
  }, [load]);

  async function markRead(body: MarkNotificationsReadBody) {
    const result = await apiFetch("/api/notifications", { schema: "markedNotificationsResponse", body });
    if (result.ok) await load();
  }

  async function open(item: NotificationItem) {
    if (!item.readAt) void markRead({ ids: [item.id] });
    if (!item.link) return;
    if (item.organizationId && item.organizationId !== me.activeOrganization?.id) {
      const switched = await apiFetch("/api/organizations/active", {
        schema: "switchOrganizationResponse",
        body: { organizationId: item.organizationId },
      });
      if (switched.ok) await refresh();
    }
    router.push(item.link);
  }

  const unread = data?.unreadCount ?? 0;
  const label = unread > 0 ? t("notifications.buttonUnread", { count: unread }) : t("notifications.button");

  return (
    <DropdownMenu.Root onOpenChange={(isOpen) => (isOpen ? void load() : undefined)}>
      <DropdownMenu.Trigger
        className="relative flex size-9 items-center justify-center rounded-full text-stone-600 hover:bg-stone-100 hover:text-stone-900 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-ink-600"
        aria-label={label}
        data-testid="notifications-bell"
      >
        <Bell className="size-5" aria-hidden="true" />
        {unread > 0 ? (
          <span
            className="absolute -right-0.5 -top-0.5 flex h-4 min-w-4 items-center justify-center rounded-full bg-red-600 px-1 text-[0.65rem] font-semibold leading-none text-white"
            aria-hidden="true"
            data-testid="notifications-unread"
          >
            {unread > 99 ? "99+" : unread}
          </span>
        ) : null}
      </DropdownMenu.Trigger>
      <MenuPanel align="end" className="w-80 max-w-[calc(100vw-2rem)]">
        <div className="flex items-center justify-between px-2 py-1.5">
          <DropdownMenu.Label className="text-sm font-semibold text-stone-900">
            {t("notifications.title")}
          </DropdownMenu.Label>
        </div>
        <DropdownMenu.Separator className="my-1 h-px bg-stone-100" />
        {error && !data ? (
          <p className="px-2 py-3 text-sm text-red-700">{t("notifications.loadFailed")}</p>
        ) : !data || data.items.length === 0 ? (
          <div className="px-2 py-4 text-center">
            <p className="text-sm font-medium text-stone-800">{t("notifications.empty")}</p>
            <p className="mt-1 text-xs text-stone-500">{t("notifications.emptyHint")}</p>
          </div>
        ) : (
          <div className="max-h-96 overflow-y-auto">
            {data.items.map((item) => {
              const failedBook = item.type.endsWith("failed");
              const Icon = failedBook ? CircleAlert : CircleCheck;
              return (
                <DropdownMenu.Item
                  key={item.id}
                  className={itemClass}
                  onSelect={() => void open(item)}
                  data-notification-id={item.id}
                  data-unread={item.readAt ? undefined : "true"}
                >
                  <Icon
                    className={clsx("mt-0.5 size-4 shrink-0", failedBook ? "text-red-600" : "text-emerald-600")}
                    aria-hidden="true"
                  />
                  <span className="min-w-0 flex-1">
                    <span className={clsx("block text-stone-900", item.readAt ? "" : "font-semibold")}>
                      {item.title}
                    </span>
                    {item.body ? (
                      <span className="mt-0.5 line-clamp-2 block text-xs text-stone-600">{item.body}</span>
                    ) : null}
                    <span className="mt-0.5 block text-xs text-stone-500">
                      {formatRelative(item.createdAt, locale)}
                    </span>
                  </span>
                  {item.readAt ? null : (
                    <span className="mt-1.5 size-2 shrink-0 rounded-full bg-ink-600">
                      <span className="sr-only">{t("notifications.unread")}</span>
                    </span>
                  )}
                </DropdownMenu.Item>
              );
            })}
          </div>
        )}
        {unread > 0 ? (
          <>
            <DropdownMenu.Separator className="my-1 h-px bg-stone-100" />
            <DropdownMenu.Item
              className={clsx(itemClass, "items-center text-ink-800")}
              onSelect={(event) => {
                event.preventDefault();
                void markRead({ all: true });
              }}
            >
              <CheckCheck className="size-4" aria-hidden="true" />
              {t("notifications.markAllRead")}
            </DropdownMenu.Item>
          </>
        ) : null}
      </MenuPanel>
    </DropdownMenu.Root>
  );
}
