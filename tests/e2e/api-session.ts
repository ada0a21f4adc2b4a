import { baseUrl } from "./browser";

/**
 * Signs in through the API (as the sign-in form does: same-origin JSON) and returns the session's Cookie
 * header, or throws with the answer. Journeys use it to call the API as a user without a browser.
 */
export async function apiSignIn(email: string, password: string): Promise<string> {
  const response = await fetch(`${baseUrl()}/api/auth/sign-in/email`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: baseUrl() },
    body: JSON.stringify({ email, password }),
  });
  if (!response.ok) throw new Error(`sign-in of ${email} answered ${response.status}: ${await response.text()}`);
  const cookie = response.headers
    .getSetCookie()
    .map((line) => line.split(";")[0] ?? "")
    .filter((pair) => pair.includes("=") && !pair.endsWith("="))
    .join("; ");
  if (!cookie) throw new Error(`sign-in of ${email} set no session cookie`);
  return cookie;
}
