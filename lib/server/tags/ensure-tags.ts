import "server-only";

import type { Tx } from "@/lib/server/db";
import { nextTagColor, normalizeTagName } from "@/lib/shared/schemas/annotation";

/** The workspace's tags with these names, creating the missing ones (inline tag creation).
 * Names match case-insensitively; new tags take the next palette colour. */
export async function ensureTags(
  tx: Tx,
  workspaceId: string,
  names: string[],
): Promise<Array<{ id: string; name: string }>> {
  const wanted = new Map<string, string>();
  for (const name of names) {
    const key = normalizeTagName(name);
    if (!wanted.has(key)) wanted.set(key, name.trim().replace(/\s+/g, " "));
  }
  if (wanted.size === 0) return [];
  const existing = await tx.tag.findMany({
    where: { workspaceId, normalizedName: { in: [...wanted.keys()] } },
  });
  const found = new Map(existing.map((tag) => [tag.normalizedName, tag]));
  let count = await tx.tag.count({ where: { workspaceId } });
  for (const [key, name] of wanted) {
    if (found.has(key)) continue;
    const color = nextTagColor(count);
    count += 1;
    // Another request may create the same tag at the same moment: the unique index decides.
    const tag = await tx.tag.upsert({
      where: { workspaceId_normalizedName: { workspaceId, normalizedName: key } },
      create: { workspaceId, name, normalizedName: key, color },
      update: {},
    });
    found.set(key, tag);
  }
  return [...wanted.keys()].map((key) => {
    const tag = found.get(key)!;
    return { id: tag.id, name: tag.name };
  });
}
