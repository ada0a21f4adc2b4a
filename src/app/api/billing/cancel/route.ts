import { orgContext } from "@/server/auth/org-context";
import { cancelSubscription } from "@/server/billing/cancel-subscription";
import { handleRoute } from "@/server/http/handle-route";

export const POST = handleRoute(async (request) =>
  Response.json({ subscription: await cancelSubscription(await orgContext(request)) }),
);
