import { z } from "zod";
import { isoDate, pageOf } from "./common";
import { userRoleSchema } from "./me";
import { planSchema } from "./organizations";

/** The raw page parameters of the platform console's lists (read leniently: a bad limit falls back to 50). */
export const adminPageQuery = z.object({ cursor: z.string().optional(), limit: z.string().optional() });

export const adminOrganizationSchema = z.object({
  id: z.string(),
  name: z.string(),
  slug: z.string(),
  plan: planSchema,
  createdAt: isoDate,
  memberCount: z.number().int(),
  bookCount: z.number().int(),
});
export type AdminOrganization = z.infer<typeof adminOrganizationSchema>;
/** GET /api/admin/organizations */
export const adminOrganizationsPage = pageOf(adminOrganizationSchema);

export const adminUserSchema = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string(),
  role: userRoleSchema,
  emailVerified: z.boolean(),
  createdAt: isoDate,
  organizationCount: z.number().int(),
});
export type AdminUser = z.infer<typeof adminUserSchema>;
/** GET /api/admin/users */
export const adminUsersPage = pageOf(adminUserSchema);
