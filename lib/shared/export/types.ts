// What the export formatters receive: plain data, already authorized and filtered by the server
// (lib/server/export). Formatters are pure and streaming: they never see more than one
// annotation at a time, so 50,000 annotations export in flat memory.

/** About the export as a whole, known before the first annotation is read. */
export interface ExportMeta {
  /** What was exported: a document's title or a workspace's name. */
  title: string;
  /** "document" or "workspace": the scope the export was asked for. */
  scope: "document" | "workspace";
  /** The public base URL of this Glossa, without a trailing slash, e.g. https://glossa.example */
  baseUrl: string;
  /** The URL this export can be fetched from again (the collection's id in JSON-LD). */
  selfUrl: string;
  /** How many annotations follow (counted in the same snapshot the rows are read from). */
  total: number;
  /** When the export was made, ISO 8601. */
  generatedAt: string;
  /** Who asked for it. */
  requester: { id: string; name: string };
  /** The filters applied, described for people ("Tags: trial balloon · Status: open"), or "". */
  filterSummary: string;
  /** Whether replies are included (`ExportAnnotation.replies` is then filled). */
  withReplies: boolean;
}

export interface ExportDocument {
  id: string;
  title: string;
  /** Where the article came from, if known. */
  sourceUrl: string | null;
  sourceAuthor: string | null;
  sourcePublisher: string | null;
  /** The revision the export reads positions in (the document's current one). */
  revisionId: string;
  revisionNumber: number;
  revisionCreatedAt: string;
  /** The document in Glossa's reader. */
  url: string;
}

export interface ExportReply {
  id: string;
  /** The reply it answers, or null when it answers the annotation. */
  parentId: string | null;
  author: { id: string; name: string };
  /** For one imported from another tool, the member who imported it; else null. */
  importedBy?: string | null;
  createdAt: string;
  editedAt: string | null;
  /** Rendered by the server from validated Tiptap JSON; safe HTML. */
  bodyHtml: string;
  /** The same as plain text: one line per paragraph. */
  bodyText: string;
}

export interface ExportAnnotation {
  id: string;
  document: ExportDocument;
  /** As selected (W3C TextQuoteSelector). */
  quote: { exact: string; prefix: string; suffix: string };
  /** Where it sits in the document's current revision, or null when orphaned. */
  position: { start: number; end: number } | null;
  anchorState: "exact" | "fuzzy" | "orphaned";
  tags: Array<{ name: string; color: string }>;
  /** Who made it; for one imported from another tool, its creator's name there and id "". */
  author: { id: string; name: string };
  /** For one imported from another tool, the member who imported it; else null. */
  importedBy?: string | null;
  visibility: "workspace" | "private";
  status: "open" | "resolved";
  createdAt: string;
  updatedAt: string;
  /** The comment, rendered by the server (safe HTML), or null for a plain highlight. */
  bodyHtml: string | null;
  bodyText: string | null;
  replyCount: number;
  /** Only when ExportMeta.withReplies: the thread in reading order (parents before children),
   * tombstones left out. */
  replies: ExportReply[];
  /** The annotation in Glossa's reader. */
  url: string;
}

/** One entry of a clip book: an annotation under one of its tags (an annotation with two tags
 * appears in both groups), or under `null` for untagged ones. Entries arrive grouped: all of a
 * tag's entries follow each other, tags in the order the server chose, untagged last. */
export interface ClipBookEntry {
  group: { name: string; color: string; description: string | null } | null;
  annotation: ExportAnnotation;
}

/** A chunk of an export's body. */
export type ExportChunk = string | Uint8Array;

/** The clip book as the print view receives it: entries gathered under their tag. */
export interface ClipBookView {
  title: string;
  scope: "document" | "workspace";
  /** Annotations matching the filters. */
  total: number;
  /** Entries on the page (an annotation counts once per tag); capped for printing. */
  shown: number;
  limited: boolean;
  filterSummary: string;
  withReplies: boolean;
  groups: Array<{ group: ClipBookEntry["group"]; annotations: ExportAnnotation[] }>;
}

/** What POST /workspaces/{id}/import answers. */
export interface ImportReport {
  format: "w3c" | "hypothesis";
  /** Annotations added, and how their passage was found. */
  imported: number;
  exact: number;
  fuzzy: number;
  orphaned: number;
  replies: number;
  /** Already in the workspace (imported before, or exported from this very document). */
  duplicates: number;
  documents: Array<{ id: string; title: string; imported: number }>;
  /** Annotations whose page is not a document of this workspace, by address or title. */
  unmatched: Array<{ source: string; count: number; reason: string }>;
  /** Items left out, with why (0-based index in the file's list). */
  skipped: Array<{ index: number; reason: string }>;
}
