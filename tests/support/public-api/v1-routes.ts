// Every v1 route module, imported once so the attack, contract and OpenAPI tests can walk them all.
import * as chapter from "@/app/api/v1/books/[bookId]/chapters/[chapterId]/route";
import * as chapters from "@/app/api/v1/books/[bookId]/chapters/route";
import * as book from "@/app/api/v1/books/[bookId]/route";
import * as downloads from "@/app/api/v1/books/[bookId]/downloads/route";
import * as formatDownload from "@/app/api/v1/books/[bookId]/formats/[format]/download/route";
import * as formats from "@/app/api/v1/books/[bookId]/formats/route";
import * as jobCancel from "@/app/api/v1/books/[bookId]/job/cancel/route";
import * as jobEvents from "@/app/api/v1/books/[bookId]/job/events/route";
import * as jobRetry from "@/app/api/v1/books/[bookId]/job/retry/route";
import * as jobContinue from "@/app/api/v1/books/[bookId]/job/continue/route";
import * as job from "@/app/api/v1/books/[bookId]/job/route";
import * as books from "@/app/api/v1/books/route";
import * as usage from "@/app/api/v1/usage/route";
import * as estimate from "@/app/api/v1/books/estimate/route";
import * as corrections from "@/app/api/v1/books/[bookId]/corrections/route";
import * as check from "@/app/api/v1/books/[bookId]/check/route";
import * as correctionApply from "@/app/api/v1/corrections/[correctionId]/apply/route";
import * as correctionDismiss from "@/app/api/v1/corrections/[correctionId]/dismiss/route";
import * as comments from "@/app/api/v1/books/[bookId]/comments/route";
import * as revisions from "@/app/api/v1/books/[bookId]/revisions/route";

export const v1Routes = {
  books,
  book,
  chapters,
  chapter,
  job,
  jobCancel,
  jobRetry,
  jobContinue,
  jobEvents,
  formats,
  formatDownload,
  downloads,
  usage,
  estimate,
  corrections,
  check,
  correctionApply,
  correctionDismiss,
  comments,
  revisions,
};
