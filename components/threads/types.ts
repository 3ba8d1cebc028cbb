import type { JSONContent } from "@tiptap/core";

/** A reply as the API returns it (docs/api.md, "Threads"). */
export interface ReplyItem {
  id: string;
  annotationId: string;
  parentId: string | null;
  author: { id: string; name: string };
  body: JSONContent | null;
  bodyHtml: string | null;
  deleted: boolean;
  createdAt: string;
  editedAt: string | null;
  /** Imported from another tool: who wrote it there. */
  importedAuthor?: string | null;
  abilities: { update: boolean; delete: boolean; reply: boolean };
}
