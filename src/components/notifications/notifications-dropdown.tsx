"use client";

import * as DropdownMenu from "@radix-ui/react-dropdown-menu";
import { clsx } from "clsx";
import { CheckCheck, CircleAlert, CircleCheck } from "lucide-react";
import type { NotificationItem, NotificationsPage } from "@/contracts/notifications";
import { useLocale, useT } from "@/i18n/i18n-provider";
import type { MenuTriggerProps } from "@/components/ui/lazy-menu";
import { MenuPanel } from "@/components/ui/menu-panel";
import { formatRelative } from "@/components/books/book-format";

const itemClass =
  "flex w-full cursor-pointer select-none items-start gap-3 rounded-md px-2 py-2 text-left text-sm outline-none data-[highlighted]:bg-ink-50";

/** The bell's menu, loaded when it is first opened (notifications-bell.tsx); it mounts open. */
export function NotificationsDropdown({
  trigger,
  data,
  failed,
  onOpen,
  onSelect,
  onMarkAllRead,
}: {
  trigger: MenuTriggerProps;
  /** The latest notifications; undefined until they first arrive. */
  data: NotificationsPage | undefined;
  /** The last read failed. */
  failed: boolean;
  /** The menu opened again: read the latest. */
  onOpen: () => void;
  onSelect: (item: NotificationItem) => void;
  onMarkAllRead: () => void;
}) {
  const t = useT();
  const locale = useLocale();
  const unread = data?.unreadCount ?? 0;

  return (
    <DropdownMenu.Root defaultOpen onOpenChange={(isOpen) => (isOpen ? onOpen() : undefined)}>
      <DropdownMenu.Trigger {...trigger} />
      <MenuPanel align="end" className="w-80 max-w-[calc(100vw-2rem)]">
        <div className="flex items-center justify-between px-2 py-1.5">
          <DropdownMenu.Label className="text-sm font-semibold text-stone-900">
            {t("notifications.title")}
          </DropdownMenu.Label>
        </div>
        <DropdownMenu.Separator className="my-1 h-px bg-stone-100" />
        {failed && !data ? (
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
                  onSelect={() => onSelect(item)}
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
                onMarkAllRead();
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
