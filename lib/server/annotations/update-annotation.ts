import "server-only";

import type { z } from "zod";

import type { Actor } from "@/lib/server/auth/actor";
import { prisma, Prisma } from "@/lib/server/db";
import { parseCommentBody } from "@/lib/server/editor/comment-body";
import { resolveMentions } from "@/lib/server/editor/resolve-mentions";
import { AppError } from "@/lib/server/errors";
import { appendEvent } from "@/lib/server/events/append-event";
import { deliverLater } from "@/lib/server/notifications/deliver-emails";
import { notifyForComment } from "@/lib/server/notifications/notify";
import { annotationAbilities } from "@/lib/server/permissions";
import { ensureTags } from "@/lib/server/tags/ensure-tags";
import { mentionIds } from "@/lib/shared/editor/mentions";
import type { updateAnnotationSchema } from "@/lib/shared/schemas/annotation";

import { getVisibleAnnotationOrThrow } from "./access";
import { annotationInclude, presentAnnotation, type AnnotationView } from "./present-annotation";

export async function getAnnotation(actor: Actor, annotationId: string): Promise<AnnotationView> {
  const { row, membership } = await getVisibleAnnotationOrThrow(actor, annotationId);
  return presentAnnotation(row, membership);
}

/** The author changes the comment, tags and visibility; the author, moderators and owners
 * resolve and reopen. */
export async function updateAnnotation(
  actor: Actor,
  annotationId: string,
  input: z.infer<typeof updateAnnotationSchema>,
): Promise<AnnotationView> {
  const parsed = input.body ? parseCommentBody(input.body) : input.body;
  const { view, notified } = await prisma.$transaction(async (tx) => {
    const { row, membership, workspaceId } = await getVisibleAnnotationOrThrow(
      actor,
      annotationId,
      tx,
      { lock: "update" },
    );
    const abilities = annotationAbilities(membership, row);
    if (
      (input.tags !== undefined || input.visibility !== undefined || parsed !== undefined) &&
      !abilities.update
    ) {
      throw new AppError(
        "forbidden",
        "Only its author can change an annotation's comment, tags or visibility",
      );
    }
    if (input.status !== undefined && !abilities.resolve) {
      throw new AppError(
        "forbidden",
        "Only its author, moderators and owners can resolve an annotation",
      );
    }
    const body = parsed ? await resolveMentions(tx, workspaceId, parsed) : parsed;
    if (input.tags !== undefined) {
      const tags = await ensureTags(tx, workspaceId, input.tags);
      await tx.annotationTag.deleteMany({ where: { annotationId } });
      await tx.annotationTag.createMany({
        data: tags.map((tag) => ({ annotationId, tagId: tag.id })),
      });
    }
    // A first comment on a plain highlight is not an edit; changing or removing one is.
    const changedAt = row.body === null ? undefined : new Date();
    const updated = await tx.annotation.update({
      where: { id: annotationId },
      data: {
        visibility: input.visibility,
        status: input.status,
        updatedAt: new Date(),
        ...(body === undefined
          ? {}
          : body === null
            ? { body: Prisma.DbNull, bodyHtml: null, bodyText: null, editedAt: changedAt }
            : {
                body: body.json as Prisma.InputJsonValue,
                bodyHtml: body.html,
                bodyText: body.text,
                editedAt: changedAt,
              }),
      },
      include: annotationInclude,
    });
    await appendEvent(tx, {
      documentId: row.documentId,
      type: "annotation.updated",
      subjectId: annotationId,
      actorId: actor.userId,
      // Made private just now: everyone hears of it (the live stream takes it away from those
      // who can no longer see it); private before and after: its author alone.
      audienceUserId:
        updated.visibility === "private" && row.visibility === "private" ? updated.authorId : null,
    });
    const before = new Set(mentionIds(row.body));
    const fresh = body ? body.mentions.filter((id) => !before.has(id)) : [];
    const notified = fresh.length
      ? await notifyForComment(tx, {
          workspaceId,
          annotation: updated,
          replyId: null,
          actorId: actor.userId,
          mentions: fresh,
        })
      : [];
    return { view: presentAnnotation(updated, membership), notified };
  });
  deliverLater(notified);
  return view;
}

/** Soft deletion by the author, a moderator or an owner. */
export async function deleteAnnotation(actor: Actor, annotationId: string): Promise<void> {
  await prisma.$transaction(async (tx) => {
    const { row, membership } = await getVisibleAnnotationOrThrow(actor, annotationId, tx, {
      lock: "update",
    });
    if (!annotationAbilities(membership, row).delete) {
      throw new AppError(
        "forbidden",
        "Only its author, moderators and owners can delete an annotation",
      );
    }
    await tx.annotation.update({ where: { id: annotationId }, data: { deletedAt: new Date() } });
    await appendEvent(tx, {
      documentId: row.documentId,
      type: "annotation.deleted",
      subjectId: annotationId,
      actorId: actor.userId,
      audienceUserId: row.visibility === "private" ? row.authorId : null,
    });
  });
}
