import { z } from "zod";
import { isoDate } from "./common";
import { bookRoleOptions } from "./book-roles";
import { idSchema } from "./organizations";

export { type BookRole, bookRoleOptions } from "./book-roles";

// Sharing a book (issue 16): the bodies of /api/books/:bookId/collaborators, /api/book-invitations and
// /api/shared-books, and the collaborator list API v1 reads.

export const bookRoleSchema = z.enum(bookRoleOptions);

export const collaboratorStatusSchema = z.enum(["PENDING", "ACTIVE", "EXPIRED"]);

/** The per-person permissions of the share dialog: may download the formats, see the history, see the corrections. */
export const bookPermissionsSchema = z.object({
  download: z.boolean(),
  history: z.boolean(),
  corrections: z.boolean(),
});
export type BookPermissionsView = z.infer<typeof bookPermissionsSchema>;

/** Overrides sent by the share dialog: any of the three, the others keep the role's default. */
export const bookPermissionOverrides = z.strictObject({
  download: z.boolean().optional(),
  history: z.boolean().optional(),
  corrections: z.boolean().optional(),
});

// ── request bodies ──

/** POST /api/books/:bookId/collaborators */
export const shareBookBody = z.object({
  email: z.string().trim().toLowerCase().email("validation.emailAddress.invalid").max(254),
  role: bookRoleSchema.default("VIEWER"),
  permissions: bookPermissionOverrides.optional(),
});
export type ShareBookBody = z.input<typeof shareBookBody>;

/** PATCH /api/books/:bookId/collaborators/:collaboratorId: a new role and/or permissions. */
export const updateCollaboratorBody = z
  .object({ role: bookRoleSchema.optional(), permissions: bookPermissionOverrides.optional() })
  .refine((body) => body.role !== undefined || body.permissions !== undefined, {
    message: "validation.invalid",
    path: ["role"],
  });

/** POST /api/book-invitations/accept: the token of an invitation link. */
export const acceptBookInvitationBody = z.object({
  token: z
    .string()
    .trim()
    .min(1)
    .max(128)
    .regex(/^[A-Za-z0-9_-]+$/, "validation.invalid"),
});

// ── responses ──

/** A person a book is shared with, or an invitation waiting for an answer. */
export const collaboratorSchema = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string().nullable(),
  role: bookRoleSchema,
  permissions: bookPermissionsSchema,
  status: collaboratorStatusSchema,
  expiresAt: isoDate.nullable(),
  invitedBy: z.string().nullable(),
  createdAt: isoDate,
});
export type Collaborator = z.infer<typeof collaboratorSchema>;

/** GET /api/books/:bookId/collaborators (and API v1): who the book is shared with, and may the caller manage it. */
export const collaboratorListResponse = z.object({
  collaborators: z.array(collaboratorSchema),
  canManage: z.boolean(),
});
/** POST (201) and PATCH answers, and a resend. */
export const collaboratorResponse = z.object({ collaborator: collaboratorSchema });

/** A book shared with the caller (the "Shared with me" shelf), or an invitation to one. */
export const sharedBookSchema = z.object({
  collaboratorId: z.string(),
  bookId: z.string(),
  title: z.string(),
  organizationName: z.string(),
  role: bookRoleSchema,
  status: collaboratorStatusSchema,
  invitedBy: z.string().nullable(),
  expiresAt: isoDate.nullable(),
});
export type SharedBook = z.infer<typeof sharedBookSchema>;

/** GET /api/shared-books: accepted shares, then pending invitations addressed to the caller's email. */
export const sharedBooksResponse = z.object({
  books: z.array(sharedBookSchema),
  invitations: z.array(sharedBookSchema),
});

/** POST /api/book-invitations/accept and …/:collaboratorId/accept: the book to open. */
export const acceptedBookInvitationResponse = z.object({ bookId: z.string(), role: bookRoleSchema });

export const collaboratorIdSchema = idSchema;
