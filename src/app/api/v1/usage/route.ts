import { apiRoute } from "@/server/public-api/api-route";
import { getUsage } from "@/server/public-api/get-usage";
import { v1 } from "@/server/public-api/v1-operations";

export const GET = apiRoute(v1.getUsage, ({ ctx }) => getUsage(ctx));
