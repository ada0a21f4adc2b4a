import { z } from "zod";

export const orgRoleSchema = z.enum(["OWNER", "ADMIN", "MEMBER", "GUEST"]);
export const organizationName = z
  .string()
  .trim()
  .min(2, "Use at least 2 characters")
  .max(80, "Use at most 80 characters");
export const organizationSlug = z
  .string()
  .trim()
  .toLowerCase()
  .min(2, "Use at least 2 characters")
  .max(48, "Use at most 48 characters")
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "Use lowercase letters, digits and single dashes");
export const idSchema = z.string().trim().min(1).max(64);

/** Derives a URL slug from an organization name ("Éditions Dupont" → "editions-dupont"). */
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
