import { listCollaborators } from "@/server/collaborators/list-collaborators";
import { apiRoute } from "@/server/public-api/api-route";
import { v1 } from "@/server/public-api/v1-operations";

export const GET = apiRoute(v1.listCollaborators, ({ ctx, params }) => listCollaborators(ctx, params.bookId));
