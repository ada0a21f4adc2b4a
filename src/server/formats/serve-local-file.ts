import "server-only";
import { getSession } from "@/server/auth/session";
import type { Db } from "@/server/db/client";
import { authSecret } from "@/server/env";
import { LocalStorage, verifyLocalFileSignature } from "@/storage/local-storage";
import { storageKeyProblem } from "@/storage/storage-key";
import { organizationStorage } from "@/server/storage-settings/organization-storage";
import { organizationOfKey } from "./format-files";

const ROUTE_BASE = "/api/files/";

function plain(status: number, message: string): Response {
  return new Response(message, {
    status,
    headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" },
  });
}

/**
 * Serves a LOCAL file from a signed `/api/files/<orgId>/…?expires=&signature=` URL made by the download route.
 *
 * Decision: the signature is the authorization. It covers the exact key (hence the organization, the key's
 * first segment), the file name and the expiry, and it is only issued after the download route checked the
 * caller's right to the book and recorded the download; it lives minutes. So a request without a session
 * (a download manager, the CLI following the redirect) is served on the signature alone. When the request
 * does carry a session, the signed-in user must also be a member of the key's organization (membership,
 * not the active organization, so switching organizations in another tab does not break a fresh link):
 * a leaked link is then useless to a signed-in member of another tenant. Refusals: 403 for a bad or expired
 * signature, 404 for another organization's key, a non-LOCAL storage, or a missing file.
 */
export async function serveLocalFile(db: Db, request: Request, nowMs = Date.now()): Promise<Response> {
  const url = new URL(request.url);
  if (!url.pathname.startsWith(ROUTE_BASE)) return plain(404, "Not found");
  let key: string;
  try {
    key = url.pathname.slice(ROUTE_BASE.length).split("/").map(decodeURIComponent).join("/");
  } catch {
    return plain(400, "Invalid file key");
  }
  if (storageKeyProblem(key)) return plain(400, "Invalid file key");
  const signed = {
    key,
    expires: Number(url.searchParams.get("expires")),
    signature: url.searchParams.get("signature") ?? "",
    downloadName: url.searchParams.get("name") ?? undefined,
  };
  if (!verifyLocalFileSignature(signed, authSecret(), nowMs)) {
    return plain(403, "This download link is invalid or has expired");
  }
  const organizationId = organizationOfKey(key);
  const session = await getSession(request.headers).catch(() => null);
  if (session) {
    const member = await db.organizationMember.findUnique({
      where: { organizationId_userId: { organizationId, userId: session.user.id } },
      select: { id: true },
    });
    if (!member) return plain(404, "File not found");
  }
  const storage = await organizationStorage(db, organizationId);
  if (!(storage.provider instanceof LocalStorage)) return plain(404, "File not found");
  return storage.provider.serveSignedRequest(url, nowMs);
}
