// Without Zod, so the book page's corrections (filters, legend) do not load it; ./corrections builds its
// schemas from these values.

export const correctionTypes = ["SPELLING", "GRAMMAR", "STYLE", "COHERENCE", "STRUCTURE"] as const;
export type CorrectionType = (typeof correctionTypes)[number];

export const correctionSeverities = ["INFO", "WARNING", "ERROR", "CRITICAL"] as const;
export type CorrectionSeverity = (typeof correctionSeverities)[number];

export const correctionStatuses = ["OPEN", "ACCEPTED", "REJECTED", "RESOLVED"] as const;
export type CorrectionStatus = (typeof correctionStatuses)[number];
