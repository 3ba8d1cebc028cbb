// How a thread reads: each reply followed by its answers (depth first, oldest first), nested
// up to three levels; deeper answers sit at the third level and say whom they answer. A
// deleted reply (a tombstone) is shown only while something alive hangs below it.

export const MAX_THREAD_DEPTH = 2; // depths 0, 1, 2: three levels

interface ThreadReply {
  id: string;
  parentId: string | null;
  deleted: boolean;
  author: { name: string };
}

export function layoutThread<R extends ThreadReply>(
  replies: R[],
): Array<{ reply: R; depth: number; inReplyTo: string | null }> {
  const ids = new Set(replies.map((reply) => reply.id));
  const byParent = new Map<string | null, R[]>();
  for (const reply of replies) {
    // An answer to something not in the list (it cannot happen today) is shown at the top.
    const parent = reply.parentId && ids.has(reply.parentId) ? reply.parentId : null;
    byParent.set(parent, [...(byParent.get(parent) ?? []), reply]);
  }
  const alive = new Map<string, boolean>();
  const hasLife = (reply: R): boolean => {
    const known = alive.get(reply.id);
    if (known !== undefined) return known;
    const result = !reply.deleted || (byParent.get(reply.id) ?? []).some(hasLife);
    alive.set(reply.id, result);
    return result;
  };
  const out: Array<{ reply: R; depth: number; inReplyTo: string | null }> = [];
  const walk = (parentId: string | null, depth: number, parent: R | null) => {
    for (const reply of byParent.get(parentId) ?? []) {
      if (!hasLife(reply)) continue;
      out.push({
        reply,
        depth: Math.min(depth, MAX_THREAD_DEPTH),
        inReplyTo: depth > MAX_THREAD_DEPTH && parent ? parent.author.name : null,
      });
      walk(reply.id, depth + 1, reply);
    }
  };
  walk(null, 0, null);
  return out;
}
