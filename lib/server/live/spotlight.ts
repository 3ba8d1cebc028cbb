import "server-only";

import { getVisibleAnnotationOrThrow } from "@/lib/server/annotations/access";
import type { Actor } from "@/lib/server/auth/actor";
import { prisma } from "@/lib/server/db";
import { AppError, notFound } from "@/lib/server/errors";
import { appendEvent } from "@/lib/server/events/append-event";
import { authorize } from "@/lib/server/permissions";

/** A moderator or owner brings every present reader to one annotation: an
 * `annotation.spotlighted` event in the document's log (readers who follow are taken there). */
export async function spotlightAnnotation(
  actor: Actor,
  documentId: string,
  annotationId: string,
): Promise<{ annotationId: string; seq: string }> {
  return prisma.$transaction(async (tx) => {
    const { row, membership } = await getVisibleAnnotationOrThrow(actor, annotationId, tx, {
      lock: "share",
    });
    if (row.documentId !== documentId) throw notFound("Annotation not found in this document");
    authorize(membership, "annotations.moderate");
    if (row.visibility === "private")
      throw new AppError("unprocessable", "A private annotation cannot be spotlighted");
    const seq = await appendEvent(tx, {
      documentId,
      type: "annotation.spotlighted",
      subjectId: annotationId,
      actorId: actor.userId,
    });
    return { annotationId, seq: seq.toString() };
  });
}
