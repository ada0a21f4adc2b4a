import { manageLinkSchema } from "@/contracts/billing";
import { orgContext } from "@/server/auth/org-context";
import { getManageLink } from "@/server/billing/get-manage-link";
import { jsonRoute } from "@/server/http/json-route";

export const GET = jsonRoute({ response: manageLinkSchema }, async (request) =>
  getManageLink(await orgContext(request)),
);
