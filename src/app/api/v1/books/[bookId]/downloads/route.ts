import { countDownloads } from "@/server/formats/count-downloads";
import { apiRoute } from "@/server/public-api/api-route";
import { v1 } from "@/server/public-api/v1-operations";

export const GET = apiRoute(v1.downloadStats, ({ ctx, params }) => countDownloads(ctx, params.bookId));
