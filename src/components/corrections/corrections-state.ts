"use client";

import { createContext, useContext } from "react";
import type {
  AcceptWordInput,
  BulkCorrectionsInput,
  Correction,
  CorrectionSeverity,
  CorrectionType,
} from "@/contracts/corrections";

// The corrections context itself, apart from its provider (corrections-context.tsx): the popover and the
// actions read it, and the provider renders the popover, so keeping them in one module made a cycle.

export type Notice = { tone: "success" | "error" | "info"; text: string; stale?: boolean };

/** What the popover is showing: the findings of one mark and where it sits on the page. */
export type OpenFinding = {
  ids: string[];
  anchor: HTMLElement;
  /** Where focus goes back on Escape (the mark itself, or the editor's textarea). */
  returnFocus: HTMLElement;
  /** False when the popover opens from a click in the editor's text: typing continues there. */
  takeFocus: boolean;
};

export type CorrectionsValue = {
  /** Id of the hidden text that describes a mark of this type and severity to screen readers. */
  descriptionId: (type: CorrectionType, severity: CorrectionSeverity) => string;
  bookId: string;
  canWrite: boolean;
  /** OPEN findings of the chapters shown (watched), for the in-text marks and the popover. */
  findings: Correction[];
  /** Whether a chapter's findings were read at least once (until then it has none, not known to have none). */
  isChapterLoaded: (chapterId: string) => boolean;
  /** Reads a chapter's findings (once; `refresh` reads every watched chapter again). */
  watchChapter: (chapterId: string) => void;
  byId: Map<string, Correction>;
  /** Bumped after every change so every list showing findings reloads. */
  version: number;
  refresh: () => Promise<void>;
  pending: string | null;
  notice: Notice | null;
  setNotice: (notice: Notice | null) => void;
  apply: (finding: Correction, suggestionIndex: number) => Promise<boolean>;
  dismiss: (finding: Correction, reason?: string) => Promise<boolean>;
  acceptWord: (word: string, scope: AcceptWordInput["scope"]) => Promise<boolean>;
  bulk: (input: BulkCorrectionsInput) => Promise<boolean>;
  open: OpenFinding | null;
  openFinding: (open: OpenFinding) => void;
  closeFinding: (returnFocus: boolean) => void;
  /** False in the editor while its text has unsaved changes: suggestions cannot be applied then. */
  canApply: boolean;
  /** Opens the next (1) or previous (-1) finding after `from` (a mark, or the focused element). */
  step: (direction: 1 | -1, from: Element | null) => void;
};

export const CorrectionsContext = createContext<CorrectionsValue | null>(null);

/** The corrections state of one book page (or one chapter editor); null outside a provider. */
export function useCorrections(): CorrectionsValue | null {
  return useContext(CorrectionsContext);
}
