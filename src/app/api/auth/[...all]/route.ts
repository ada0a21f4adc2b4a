import { auth } from "@/server/auth/auth";
import { withErrorEnvelope } from "@/server/auth/auth-error-envelope";

async function handler(request: Request): Promise<Response> {
  const path = new URL(request.url).pathname.replace(/^\/api\/auth/, "");
  return withErrorEnvelope(await auth().handler(request), path);
}

export const GET = handler;
export const POST = handler;
