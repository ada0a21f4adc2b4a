import { z } from "zod";
import { myOrganizationSchema } from "./organizations";

export const userRoleSchema = z.enum(["SUPER_ADMIN", "ADMIN", "USER"]);
export type UserRole = z.infer<typeof userRoleSchema>;

export const meUserSchema = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string(),
  role: userRoleSchema,
  locale: z.string(),
  emailVerified: z.boolean(),
  image: z.string().nullable(),
});
export type MeUser = z.infer<typeof meUserSchema>;

/** GET /api/me: the caller, their organizations and the active one (null when none). */
export const meSchema = z.object({
  user: meUserSchema,
  activeOrganization: myOrganizationSchema.nullable(),
  organizations: z.array(myOrganizationSchema),
});
export type Me = z.infer<typeof meSchema>;
