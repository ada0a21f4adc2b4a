// Every session route of the book generation feature, imported once so tests can walk them all.
import * as bookEvents from "@/app/api/books/[bookId]/events/route";
import * as bookJobCancel from "@/app/api/books/[bookId]/job/cancel/route";
import * as bookJobRetry from "@/app/api/books/[bookId]/job/retry/route";
import * as bookJob from "@/app/api/books/[bookId]/job/route";
import * as book from "@/app/api/books/[bookId]/route";
import * as books from "@/app/api/books/route";
import * as notifications from "@/app/api/notifications/route";
import * as engine from "@/app/api/organization/engine/route";

export const bookRoutes = { books, book, bookJob, bookJobCancel, bookJobRetry, bookEvents, engine, notifications };
