import { type Format, LIMITS, refuse } from "./fields";
import type { ImportedAnnotation, ImportedReply, ParsedImport } from "./types";

// Both readers turn each item of a file into one of these; replies are then hung on the
// annotations they answer, however deep the thread, parents before children.

export type RawItem =
  | { kind: "annotation"; index: number; annotation: ImportedAnnotation }
  | {
      kind: "reply";
      index: number;
      sourceId: string | null;
      /** The ids it may answer, nearest first (Hypothesis lists every ancestor). */
      parents: string[];
      reply: Omit<ImportedReply, "parentSourceId">;
    }
  | { kind: "skip"; index: number; sourceId: string | null; reason: string };

type Reply = Extract<RawItem, { kind: "reply" }>;
type Resolved = { root: ImportedAnnotation } | { reason: string };

const isEmpty = (r: Reply) => r.reply.html === null && r.reply.text === null;
const plural = (n: number, one: string, many = `${one}s`) =>
  `${n.toLocaleString("en")} ${n === 1 ? one : many}`;

export function assemble(format: Format, items: RawItem[]): ParsedImport {
  const roots = new Map<string, ImportedAnnotation>();
  const replies = new Map<string, Reply>();
  const skippedIds = new Set<string>();
  for (const item of items) {
    if (item.kind === "annotation") {
      const id = item.annotation.sourceId;
      if (id !== null && !roots.has(id)) roots.set(id, item.annotation);
    } else if (item.sourceId !== null) {
      if (item.kind === "reply" && !replies.has(item.sourceId)) replies.set(item.sourceId, item);
      if (item.kind === "skip") skippedIds.add(item.sourceId);
    }
  }
  const known = (id: string) => roots.has(id) || replies.has(id) || skippedIds.has(id);
  // What a reply answers: the nearest of its candidates present in the file.
  const parentOf = (r: Reply): string | undefined => r.parents.find(known) ?? r.parents[0];

  const memo = new Map<Reply, Resolved>();
  function resolve(reply: Reply): Resolved {
    const chain: Reply[] = [];
    const onChain = new Set<Reply>();
    let result: Resolved | undefined;
    for (let r = reply; result === undefined;) {
      const cached = memo.get(r);
      if (cached) {
        result = cached;
        break;
      }
      if (onChain.has(r)) {
        result = { reason: "the reply is part of a thread that loops back on itself" };
        break;
      }
      onChain.add(r);
      chain.push(r);
      const parent = parentOf(r);
      const next = parent === undefined ? undefined : replies.get(parent);
      if (parent !== undefined && roots.has(parent)) result = { root: roots.get(parent)! };
      else if (next) r = next;
      else if (parent !== undefined && skippedIds.has(parent)) {
        result = { reason: "the reply answers an annotation that is skipped" };
      } else result = { reason: "the reply answers an annotation that is not in the file" };
    }
    for (const r of chain) memo.set(r, result);
    return result;
  }

  /** The nearest non-empty reply above `r` (empty replies are skipped, their answers lifted).
   * Memoized along the way up, so a long chain of empty replies is walked once, not once per
   * answer (a hostile file would otherwise cost quadratic time). */
  const nonEmptyAbove = new Map<Reply, Reply | null>();
  function parentReply(r: Reply): Reply | null {
    if (nonEmptyAbove.has(r)) return nonEmptyAbove.get(r)!;
    const chain: Reply[] = [r];
    let parent = parentOf(r);
    let result: Reply | null = null;
    for (let hops = 0; parent !== undefined && !roots.has(parent) && hops <= replies.size; hops++) {
      const p = replies.get(parent);
      if (!p) break;
      if (!isEmpty(p)) {
        result = p;
        break;
      }
      if (nonEmptyAbove.has(p)) {
        result = nonEmptyAbove.get(p)!;
        break;
      }
      chain.push(p);
      parent = parentOf(p);
    }
    // Every empty reply passed on the way has the same answer as `r`.
    for (const visited of chain) nonEmptyAbove.set(visited, result);
    return result;
  }

  const skipped: ParsedImport["skipped"] = [];
  const threads = new Map<ImportedAnnotation, Reply[]>();
  const annotations: ImportedAnnotation[] = [];
  let replyCount = 0;
  for (const item of items) {
    if (item.kind === "skip") skipped.push({ index: item.index, reason: item.reason });
    else if (item.kind === "annotation") annotations.push(item.annotation);
    else {
      const resolved = resolve(item);
      if ("reason" in resolved) skipped.push({ index: item.index, reason: resolved.reason });
      else if (isEmpty(item)) skipped.push({ index: item.index, reason: "the reply is empty" });
      else {
        const thread = threads.get(resolved.root) ?? [];
        thread.push(item);
        threads.set(resolved.root, thread);
        replyCount++;
      }
    }
  }

  if (annotations.length > LIMITS.annotations) {
    refuse(
      format,
      "",
      `it holds ${plural(annotations.length, "annotation")}; at most ${LIMITS.annotations.toLocaleString("en")} can be imported at once.`,
    );
  }
  if (replyCount > LIMITS.replies) {
    refuse(
      format,
      "",
      `it holds ${plural(replyCount, "reply", "replies")}; at most ${LIMITS.replies.toLocaleString("en")} can be imported at once.`,
    );
  }
  if (annotations.length === 0) {
    const first = skipped[0];
    const why = first ? `: item ${first.index}: ${first.reason}` : "";
    const none =
      items.length === 1
        ? "its only item cannot"
        : `none of its ${plural(items.length, "item")} can`;
    refuse(format, "", `${none} be imported${why}.`);
  }

  for (const [root, thread] of threads) root.replies = inReadingOrder(thread, parentReply);
  return { format, annotations, skipped };
}

/** The thread in file order, except that a reply never comes before the one it answers. */
function inReadingOrder(thread: Reply[], parentReply: (r: Reply) => Reply | null): ImportedReply[] {
  const placed = new Set<Reply>();
  const ordered: ImportedReply[] = [];
  for (const reply of thread) {
    const pending: Reply[] = [];
    for (let r: Reply | null = reply; r && !placed.has(r); r = parentReply(r)) {
      placed.add(r);
      pending.push(r);
    }
    for (let i = pending.length - 1; i >= 0; i--) {
      const r = pending[i]!;
      ordered.push({ ...r.reply, parentSourceId: parentReply(r)?.sourceId ?? null });
    }
  }
  return ordered;
}
