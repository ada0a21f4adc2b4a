import { cancelledSubscriptionSchema } from "@/contracts/billing";
import { orgContext } from "@/server/auth/org-context";
import { cancelSubscription } from "@/server/billing/cancel-subscription";
import { jsonRoute } from "@/server/http/json-route";

export const POST = jsonRoute({ response: cancelledSubscriptionSchema }, async (request) => ({
  subscription: await cancelSubscription(await orgContext(request)),
}));
