"use client";

import { Bell } from "lucide-react";
import { useRouter } from "next/navigation";
import { useEffect } from "react";
import type { MarkNotificationsReadBody, NotificationItem } from "@/contracts/notifications";
import { useT } from "@/i18n/i18n-provider";
import { apiFetch } from "@/lib/api-fetch";
import { useApiQuery } from "@/lib/use-api-query";
import { LazyMenuButton, type MenuTriggerProps, useLazyMenu } from "@/components/ui/lazy-menu";
import { useMe } from "@/components/app-shell/me-provider";

const POLL_MS = 30_000;
const loadMenu = () => import("./notifications-dropdown");

/**
 * The header's bell: unread count on the icon, the latest notifications in a menu (newest first), each
 * opening its book (switching to the book's organization first when needed) and marking itself read, plus
 * "mark all as read". Refreshed every 30 s, when the window regains focus and when the menu opens. The
 * menu's Radix code loads when it is first opened.
 */
export function NotificationsBell() {
  const t = useT();
  const router = useRouter();
  const { me, refresh } = useMe();
  const menu = useLazyMenu(loadMenu);
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
  const trigger: MenuTriggerProps = {
    className:
      "relative flex size-9 items-center justify-center rounded-full text-stone-600 hover:bg-stone-100 hover:text-stone-900 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-ink-600",
    "aria-label": unread > 0 ? t("notifications.buttonUnread", { count: unread }) : t("notifications.button"),
    "data-testid": "notifications-bell",
    children: (
      <>
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
      </>
    ),
  };
  if (!menu.loaded) {
    // The first press opens the menu as it loads: read the latest now, as every opening does.
    const firstOpen = () => {
      void load();
      menu.open();
    };
    return <LazyMenuButton menu={{ ...menu, open: firstOpen }} {...trigger} />;
  }
  return (
    <menu.loaded.NotificationsDropdown
      trigger={trigger}
      data={data}
      failed={Boolean(error)}
      onOpen={() => void load()}
      onSelect={(item) => void open(item)}
      onMarkAllRead={() => void markRead({ all: true })}
    />
  );
}
