import "server-only";

import { getVisibleAnnotationOrThrow } from "@/lib/server/annotations/access";
import type { Actor } from "@/lib/server/auth/actor";
import { prisma, Prisma, type Tx } from "@/lib/server/db";
import { parseCommentBody } from "@/lib/server/editor/comment-body";
import { resolveMentions } from "@/lib/server/editor/resolve-mentions";
import { AppError, notFound } from "@/lib/server/errors";
import { appendEvent } from "@/lib/server/events/append-event";
import { deliverLater } from "@/lib/server/notifications/deliver-emails";
import { notifyForComment } from "@/lib/server/notifications/notify";
import { replyAbilities } from "@/lib/server/permissions";
import { mentionIds } from "@/lib/shared/editor/mentions";

import { presentReply, replyInclude, type ReplyView } from "./present-reply";

/** A reply the actor can see (through its annotation), or 404, its row locked for the change
 * (and its annotation's for sharing) before it is read: two deletes, or an edit and a delete,
 * run one after the other and the second sees what the first did. */
async function getVisibleReplyOrThrow(actor: Actor, replyId: string, tx: Tx) {
  await tx.$queryRaw`SELECT id FROM "Reply" WHERE id = ${replyId} FOR UPDATE`;
  const reply = await tx.reply.findUnique({ where: { id: replyId }, include: replyInclude });
  if (!reply) throw notFound("Reply not found");
  // 404 as well when the annotation is not the actor's to see.
  const access = await getVisibleAnnotationOrThrow(actor, reply.annotationId, tx, {
    lock: "share",
  }).catch(() => {
    throw notFound("Reply not found");
  });
  return { reply, ...access };
}

/** Its author edits a reply (marked "edited"); newly mentioned members are notified. */
export async function updateReply(
  actor: Actor,
  replyId: string,
  input: { body: unknown },
): Promise<ReplyView> {
  const parsed = parseCommentBody(input.body);
  const { view, notified } = await prisma.$transaction(async (tx) => {
    const { reply, row, membership, workspaceId } = await getVisibleReplyOrThrow(
      actor,
      replyId,
      tx,
    );
    if (!replyAbilities(membership, reply).update)
      throw new AppError(
        "forbidden",
        reply.deletedAt ? "This reply has been deleted" : "Only its author can edit a reply",
      );
    const body = await resolveMentions(tx, workspaceId, parsed);
    const before = new Set(mentionIds(reply.body));
    const now = new Date();
    const updated = await tx.reply.update({
      where: { id: replyId },
      data: {
        body: body.json as Prisma.InputJsonValue,
        bodyHtml: body.html,
        bodyText: body.text,
        editedAt: now,
      },
      include: replyInclude,
    });
    await appendEvent(tx, {
      documentId: row.documentId,
      type: "reply.updated",
      subjectId: replyId,
      actorId: actor.userId,
      audienceUserId: row.visibility === "private" ? row.authorId : null,
    });
    const fresh = body.mentions.filter((id) => !before.has(id));
    const notified = fresh.length
      ? await notifyForComment(tx, {
          workspaceId,
          annotation: row,
          replyId: null, // an edit tells only the newly mentioned
          actorId: actor.userId,
          mentions: fresh,
        })
      : [];
    return { view: presentReply(updated, membership), notified };
  });
  deliverLater(notified);
  return view;
}

/** Its author, a moderator or an owner deletes a reply: a tombstone keeps the thread whole. */
export async function deleteReply(actor: Actor, replyId: string): Promise<void> {
  await prisma.$transaction(async (tx) => {
    const { reply, row, membership } = await getVisibleReplyOrThrow(actor, replyId, tx);
    if (!replyAbilities(membership, reply).delete)
      throw new AppError(
        reply.deletedAt ? "not_found" : "forbidden",
        reply.deletedAt
          ? "Reply not found"
          : "Only its author, moderators and owners can delete a reply",
      );
    await tx.reply.update({
      where: { id: replyId },
      data: { deletedAt: new Date(), body: {}, bodyHtml: "", bodyText: "" },
    });
    await appendEvent(tx, {
      documentId: row.documentId,
      type: "reply.deleted",
      subjectId: replyId,
      actorId: actor.userId,
      audienceUserId: row.visibility === "private" ? row.authorId : null,
    });
  });
}
