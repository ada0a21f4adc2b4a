import { orgContext } from "@/server/auth/org-context";
import { startCheckout, startCheckoutInput } from "@/server/billing/start-checkout";
import { handleRoute, parseBody } from "@/server/http/handle-route";

export const POST = handleRoute(async (request) => {
  const ctx = await orgContext(request, "billing:manage");
  const input = await parseBody(request, startCheckoutInput);
  return Response.json(await startCheckout(ctx, input), { status: 201 });
});
