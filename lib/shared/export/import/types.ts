// What the import parsers (parse-import.ts) give the server: annotations made in another tool,
// read from a W3C Web Annotation JSON-LD file or a Hypothesis export, checked and cut to
// Glossa's limits, not yet anchored in any document.

export interface ImportedReply {
  /** The reply's id in the file it came from, if it had one. */
  sourceId: string | null;
  /** The reply it answers (its sourceId), or null when it answers the annotation. */
  parentSourceId: string | null;
  creatorName: string | null;
  /** ISO 8601. */
  created: string | null;
  /** The reply as HTML (see commentFromImport in html-to-tiptap.ts), or null. */
  html: string | null;
  /** The reply as plain text when it has no HTML, or null. */
  text: string | null;
}

export interface ImportedAnnotation {
  sourceId: string | null;
  /** The page the annotation was made on, as the file names it. */
  source: { url: string | null; title: string | null };
  /** W3C TextQuoteSelector: exact is 1 to 5,000 characters, prefix and suffix at most 200. */
  quote: { exact: string; prefix: string; suffix: string };
  /** W3C TextPositionSelector in the source's text: a hint, or null. */
  position: { start: number; end: number } | null;
  /** Trimmed, distinct (case-insensitively), at most 20 of at most 60 characters. */
  tags: string[];
  /** The comment as HTML, or null. */
  html: string | null;
  /** The comment as plain text when it has no HTML, or null. */
  text: string | null;
  creatorName: string | null;
  /** ISO 8601. */
  created: string | null;
  modified: string | null;
  /** Parents before children. */
  replies: ImportedReply[];
}

export interface ParsedImport {
  format: "w3c" | "hypothesis";
  annotations: ImportedAnnotation[];
  /** Items recognised but unusable (no quoted passage, page notes, replies to nothing…):
   * `index` counts the file's items (annotations and replies alike) from 0. */
  skipped: Array<{ index: number; reason: string }>;
}
