// Without Zod, so the onboarding form's slug preview does not load it.

/**
 * Derives a URL slug from an organization name ("Éditions Dupont" → "editions-dupont"): the server uses it
 * when no slug is chosen, and the onboarding form shows the same value as its preview.
 */
export function slugify(name: string): string {
  const slug = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 40)
    .replace(/-+$/g, "");
  return slug.length >= 2 ? slug : `org-${slug}`.replace(/-$/, "");
}
