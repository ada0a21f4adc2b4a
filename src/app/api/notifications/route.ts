import { userContext } from "@/server/auth/session";
import { handleRoute, parseBody, parseQuery } from "@/server/http/handle-route";
import { listNotifications, listNotificationsInput } from "@/server/notifications/list-notifications";
import { markNotificationsRead, markNotificationsReadInput } from "@/server/notifications/mark-notifications-read";

export const GET = handleRoute(async (request) => {
  const ctx = await userContext(request);
  return Response.json(await listNotifications(ctx, parseQuery(request, listNotificationsInput)));
});

// Marks notifications read: { ids: [...] } or { all: true }.
export const POST = handleRoute(async (request) => {
  const ctx = await userContext(request);
  return Response.json(await markNotificationsRead(ctx, await parseBody(request, markNotificationsReadInput)));
});
