import { getChapter } from "@/server/books/get-chapter";
import { updateChapter } from "@/server/books/update-chapter";
import { apiRoute } from "@/server/public-api/api-route";
import { v1 } from "@/server/public-api/v1-operations";

export const GET = apiRoute(v1.getChapter, ({ ctx, params }) => getChapter(ctx, params));

export const PATCH = apiRoute(v1.updateChapter, ({ ctx, params, body }) => updateChapter(ctx, params, body));
