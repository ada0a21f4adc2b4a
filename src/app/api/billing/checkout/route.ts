import { checkoutStartedSchema, startCheckoutInput } from "@/contracts/billing";
import { orgContext } from "@/server/auth/org-context";
import { startCheckout } from "@/server/billing/start-checkout";
import { parseBody } from "@/server/http/handle-route";
import { jsonRoute } from "@/server/http/json-route";

export const POST = jsonRoute({ response: checkoutStartedSchema, status: 201 }, async (request) => {
  const ctx = await orgContext(request, "billing:manage");
  return startCheckout(ctx, await parseBody(request, startCheckoutInput));
});
