import "server-only";

import type { Tx } from "@/lib/server/db";
import { annotationVisibleTo } from "@/lib/server/permissions";

// Who hears of a comment or reply: the members it mentions, and, for a reply, the
// annotation's author and everyone who replied before. Nobody is told of what they could not
// read (a private annotation reaches its author alone), nobody of their own words, nobody
// twice for one reply, and only current members. Rows are written in the caller's
// transaction; e-mail goes out after it commits (deliver-emails.ts).

export interface CommentContext {
  workspaceId: string;
  annotation: { id: string; authorId: string; visibility: "workspace" | "private" };
  /** The reply just written, or null for the annotation's own comment. */
  replyId: string | null;
  actorId: string;
  /** User ids mentioned in the new text (already-notified ones left out by the caller). */
  mentions: string[];
}

export async function notifyForComment(tx: Tx, context: CommentContext): Promise<string[]> {
  const { annotation, actorId } = context;
  const participants = new Set<string>();
  if (context.replyId) {
    participants.add(annotation.authorId);
    const earlier = await tx.reply.findMany({
      where: { annotationId: annotation.id, deletedAt: null, id: { not: context.replyId } },
      select: { authorId: true },
      distinct: ["authorId"],
    });
    for (const reply of earlier) participants.add(reply.authorId);
  }
  const candidates = [...new Set([...context.mentions, ...participants])].filter(
    (userId) => userId !== actorId && annotationVisibleTo(userId, annotation),
  );
  if (!candidates.length) return [];
  const members = new Set(
    (
      await tx.membership.findMany({
        where: { workspaceId: context.workspaceId, userId: { in: candidates } },
        select: { userId: true },
      })
    ).map((row) => row.userId),
  );
  const mentioned = new Set(context.mentions);
  const rows = candidates
    .filter((userId) => members.has(userId))
    .map((userId) => ({
      userId,
      kind: mentioned.has(userId) ? ("mention" as const) : ("reply" as const),
      actorId,
      annotationId: annotation.id,
      replyId: context.replyId,
    }));
  if (!rows.length) return [];
  const created = await tx.notification.createManyAndReturn({ data: rows, select: { id: true } });
  return created.map((row) => row.id);
}
