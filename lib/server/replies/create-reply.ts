import "server-only";

import { getVisibleAnnotationOrThrow } from "@/lib/server/annotations/access";
import type { Actor } from "@/lib/server/auth/actor";
import { prisma, Prisma } from "@/lib/server/db";
import { parseCommentBody } from "@/lib/server/editor/comment-body";
import { resolveMentions } from "@/lib/server/editor/resolve-mentions";
import { AppError } from "@/lib/server/errors";
import { appendEvent } from "@/lib/server/events/append-event";
import { deliverLater } from "@/lib/server/notifications/deliver-emails";
import { notifyForComment } from "@/lib/server/notifications/notify";
import { annotationAbilities } from "@/lib/server/permissions";
import type { CreateReplyInput } from "@/lib/shared/schemas/comment";

import { presentReply, replyInclude, type ReplyView } from "./present-reply";

/** A reply to an annotation, or to a reply in its thread. The body is validated against the
 * editor's schema and rendered here; mentioned members and the thread's participants are
 * notified. */
export async function createReply(
  actor: Actor,
  annotationId: string,
  input: CreateReplyInput,
): Promise<ReplyView> {
  const parsed = parseCommentBody(input.body);
  const { view, notified } = await prisma.$transaction(async (tx) => {
    const { row, membership, workspaceId } = await getVisibleAnnotationOrThrow(
      actor,
      annotationId,
      tx,
      { lock: "share" },
    );
    if (!annotationAbilities(membership, row).reply)
      throw new AppError("forbidden", "You cannot reply in this workspace");
    const body = await resolveMentions(tx, workspaceId, parsed);
    if (input.parentId) {
      const parent = await tx.reply.findFirst({
        where: { id: input.parentId, annotationId },
        select: { deletedAt: true },
      });
      if (!parent)
        throw new AppError("unprocessable", "The reply you answer is not in this thread", [
          { path: "parentId", message: "not a reply of this annotation" },
        ]);
      if (parent.deletedAt)
        throw new AppError("unprocessable", "The reply you answer has been deleted", [
          { path: "parentId", message: "deleted" },
        ]);
    }
    const created = await tx.reply.create({
      data: {
        annotationId,
        parentId: input.parentId ?? null,
        authorId: actor.userId,
        body: body.json as Prisma.InputJsonValue,
        bodyHtml: body.html,
        bodyText: body.text,
      },
      include: replyInclude,
    });
    await appendEvent(tx, {
      documentId: row.documentId,
      type: "reply.created",
      subjectId: created.id,
      actorId: actor.userId,
      audienceUserId: row.visibility === "private" ? row.authorId : null,
    });
    const notified = await notifyForComment(tx, {
      workspaceId,
      annotation: row,
      replyId: created.id,
      actorId: actor.userId,
      mentions: body.mentions,
    });
    return { view: presentReply(created, membership), notified };
  });
  deliverLater(notified);
  return view;
}
