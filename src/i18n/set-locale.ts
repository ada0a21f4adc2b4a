"use server";

import { cookies } from "next/headers";
import { isLocale, localeCookie } from "./locales";

/** Remembers the visitor's language for a year (server action, so the cookie is set like any other). */
export async function setLocale(locale: string): Promise<void> {
  if (!isLocale(locale)) return;
  (await cookies()).set(localeCookie, locale, { path: "/", maxAge: 60 * 60 * 24 * 365, sameSite: "lax" });
}
