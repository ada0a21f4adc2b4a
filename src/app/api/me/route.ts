import { userContext } from "@/server/auth/session";
import { handleRoute } from "@/server/http/handle-route";
import { getMe } from "@/server/users/get-me";

export const GET = handleRoute(async (request) => Response.json(await getMe(await userContext(request))));
