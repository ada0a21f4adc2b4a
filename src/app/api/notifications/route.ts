import {
  listNotificationsQuery,
  markedNotificationsResponse,
  markNotificationsReadBody,
  notificationsPage,
} from "@/contracts/notifications";
import { userContext } from "@/server/auth/session";
import { parseBody, parseQuery } from "@/server/http/handle-route";
import { jsonRoute } from "@/server/http/json-route";
import { listNotifications } from "@/server/notifications/list-notifications";
import { markNotificationsRead } from "@/server/notifications/mark-notifications-read";

export const GET = jsonRoute({ response: notificationsPage }, async (request) => {
  const ctx = await userContext(request);
  return listNotifications(ctx, parseQuery(request, listNotificationsQuery));
});

// Marks notifications read: { ids: [...] } or { all: true }.
export const POST = jsonRoute({ response: markedNotificationsResponse }, async (request) => {
  const ctx = await userContext(request);
  return markNotificationsRead(ctx, await parseBody(request, markNotificationsReadBody));
});
