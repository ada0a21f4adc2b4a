import { redirect } from "next/navigation";

/** /app/settings has no page of its own. */
export default function SettingsIndex() {
  redirect("/app/settings/organization");
}
