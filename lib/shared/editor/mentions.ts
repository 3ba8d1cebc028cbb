/** The ids of the members mentioned in a comment's Tiptap JSON, in order (to tell only the
 * newly mentioned when a comment is edited). */
export function mentionIds(json: unknown): string[] {
  const ids: string[] = [];
  const walk = (node: unknown, depth: number) => {
    if (!node || typeof node !== "object" || depth > 64) return;
    const { type, attrs, content } = node as { type?: unknown; attrs?: unknown; content?: unknown };
    const id = attrs && typeof attrs === "object" ? (attrs as { id?: unknown }).id : undefined;
    if (type === "mention" && typeof id === "string") ids.push(id);
    if (Array.isArray(content)) for (const child of content) walk(child, depth + 1);
  };
  walk(json, 0);
  return ids;
}
