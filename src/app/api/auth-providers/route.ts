import { authProvidersResponse } from "@/contracts/auth";
import { enabledSocialProviders } from "@/server/auth/auth";
import { jsonRoute } from "@/server/http/json-route";

export const dynamic = "force-dynamic";
export const GET = jsonRoute({ response: authProvidersResponse }, async () => ({
  providers: enabledSocialProviders(),
}));
