import type { ReplyItem } from "./types";

export type ReplyChange =
  { type: "created" | "updated"; reply: ReplyItem } | { type: "deleted"; id: string };

/** Live reply changes for the threads open on the page, by annotation. */
export class ReplyBus {
  private readonly listeners = new Map<string, Set<(change: ReplyChange) => void>>();

  subscribe(annotationId: string, listener: (change: ReplyChange) => void): () => void {
    const set = this.listeners.get(annotationId) ?? new Set();
    set.add(listener);
    this.listeners.set(annotationId, set);
    return () => {
      set.delete(listener);
      if (!set.size) this.listeners.delete(annotationId);
    };
  }

  emit(annotationId: string, change: ReplyChange): void {
    for (const listener of this.listeners.get(annotationId) ?? []) listener(change);
  }
}
