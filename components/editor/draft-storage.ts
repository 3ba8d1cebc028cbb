import type { JSONContent } from "@tiptap/core";

// Drafts of comments live in localStorage, one per draftKey, so that a reload or a failed post
// loses nothing. localStorage may be missing (private modes, storage disabled, quota full):
// every access is guarded and a failure only means the draft is not kept.

const PREFIX = "glossa:draft:";

export function draftStorageKey(draftKey: string): string {
  return `${PREFIX}${draftKey}`;
}

function storage(): Storage | null {
  try {
    return typeof window === "undefined" ? null : window.localStorage;
  } catch {
    return null;
  }
}

/** The saved draft, or null when there is none or it is not a document. */
export function readDraft(draftKey: string): JSONContent | null {
  try {
    const raw = storage()?.getItem(draftStorageKey(draftKey));
    if (!raw) return null;
    const value: unknown = JSON.parse(raw);
    if (
      typeof value === "object" &&
      value !== null &&
      (value as JSONContent).type === "doc" &&
      Array.isArray((value as JSONContent).content)
    ) {
      return value as JSONContent;
    }
    return null;
  } catch {
    return null;
  }
}

export function hasDraft(draftKey: string): boolean {
  return readDraft(draftKey) !== null;
}

export function writeDraft(draftKey: string, content: JSONContent): void {
  try {
    storage()?.setItem(draftStorageKey(draftKey), JSON.stringify(content));
  } catch {
    // Quota exceeded or storage refused: the draft is simply not kept.
  }
}

export function removeDraft(draftKey: string): void {
  try {
    storage()?.removeItem(draftStorageKey(draftKey));
  } catch {
    // Nothing to do.
  }
}
