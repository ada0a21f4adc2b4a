// The corrections UI the book screens mount (one import line each).
export { ChapterFindingsView } from "./chapter-findings-view";
export { CorrectionsProvider } from "./corrections-context";
export { CorrectionsPanel } from "./corrections-panel";
export { FindingsTextarea } from "./findings-textarea";
