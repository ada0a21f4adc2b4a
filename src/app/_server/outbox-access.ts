import "server-only";
import { headers } from "next/headers";
import { assertCanReadOutbox, outboxViewer } from "@/server/email/outbox-access";
import { AppError } from "@/server/errors";

/** What this visitor may do with the outbox: read it, sign in first, nothing (403), or it is not here. */
export async function outboxAccess(): Promise<"readable" | "sign-in" | "forbidden" | "absent"> {
  try {
    assertCanReadOutbox(await outboxViewer(await headers()));
    return "readable";
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    if (error.code === "UNAUTHENTICATED") return "sign-in";
    return error.code === "FORBIDDEN" ? "forbidden" : "absent";
  }
}
