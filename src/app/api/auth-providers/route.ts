import { enabledSocialProviders } from "@/server/auth/auth";

export const dynamic = "force-dynamic";
export const GET = () => Response.json({ providers: enabledSocialProviders() });
