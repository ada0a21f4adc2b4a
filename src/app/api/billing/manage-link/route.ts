import { orgContext } from "@/server/auth/org-context";
import { getManageLink } from "@/server/billing/get-manage-link";
import { handleRoute } from "@/server/http/handle-route";

export const GET = handleRoute(async (request) => Response.json(await getManageLink(await orgContext(request))));
