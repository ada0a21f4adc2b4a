import { meSchema } from "@/contracts/me";
import { userContext } from "@/server/auth/session";
import { jsonRoute } from "@/server/http/json-route";
import { getMe } from "@/server/users/get-me";

export const GET = jsonRoute({ response: meSchema }, async (request) => getMe(await userContext(request)));
