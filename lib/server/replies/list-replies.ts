import "server-only";

import { getVisibleAnnotationOrThrow } from "@/lib/server/annotations/access";
import type { Actor } from "@/lib/server/auth/actor";
import { prisma } from "@/lib/server/db";
import { decodeCursor, encodeCursor } from "@/lib/server/http/cursor";

import { presentReply, replyInclude, type ReplyView } from "./present-reply";

/** An annotation's thread, oldest first, tombstones included (they hold answers below them). */
export async function listReplies(
  actor: Actor,
  annotationId: string,
  page: { limit: number; cursor?: string },
): Promise<{ items: ReplyView[]; nextCursor: string | null }> {
  const { membership } = await getVisibleAnnotationOrThrow(actor, annotationId);
  const cursor = decodeCursor(page.cursor);
  const rows = await prisma.reply.findMany({
    where: {
      annotationId,
      ...(cursor
        ? {
            OR: [{ createdAt: { gt: cursor.t } }, { createdAt: cursor.t, id: { gt: cursor.id } }],
          }
        : {}),
    },
    include: replyInclude,
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    take: page.limit + 1,
  });
  const items = rows.slice(0, page.limit);
  const last = items.at(-1);
  return {
    items: items.map((row) => presentReply(row, membership)),
    nextCursor:
      rows.length > page.limit && last ? encodeCursor({ t: last.createdAt, id: last.id }) : null,
  };
}
