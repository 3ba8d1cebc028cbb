import "server-only";

import type { Actor } from "@/lib/server/auth/actor";
import { prisma } from "@/lib/server/db";
import { notFound } from "@/lib/server/errors";
import { appendEvent } from "@/lib/server/events/append-event";
import { authorize } from "@/lib/server/permissions";
import { ensureTags } from "@/lib/server/tags/ensure-tags";
import { getDocumentMembershipOrThrow } from "@/lib/server/workspaces/access";
import { describeRange } from "@/lib/shared/anchoring";
import type { CreateAnnotationInput } from "@/lib/shared/schemas/annotation";

import { locateQuote } from "./locate-quote";
import { annotationInclude, presentAnnotation, type AnnotationView } from "./present-annotation";

/** Highlights a passage of the document's current revision, with tags (created inline). The
 * stored selectors are recomputed from the text: the exact quote, 32 characters of context on
 * each side, the position, and the revision. */
export async function createAnnotation(
  actor: Actor,
  documentId: string,
  input: CreateAnnotationInput,
): Promise<AnnotationView> {
  const membership = await getDocumentMembershipOrThrow(actor, documentId);
  authorize(membership, "annotations.create");
  return prisma.$transaction(async (tx) => {
    const document = await tx.document.findFirst({
      where: { id: documentId, deletedAt: null },
      include: { currentRevision: { select: { id: true, text: true } } },
    });
    if (!document?.currentRevision) throw notFound("Document not found");
    const { text, id: revisionId } = document.currentRevision;
    const { start, end } = locateQuote(text, input.target);
    const { quote } = describeRange(text, start, end);
    const tags = await ensureTags(tx, membership.workspaceId, input.tags);
    const created = await tx.annotation.create({
      data: {
        documentId,
        authorId: actor.userId,
        visibility: input.visibility,
        revisionId,
        quoteExact: quote.exact,
        quotePrefix: quote.prefix,
        quoteSuffix: quote.suffix,
        positionStart: start,
        positionEnd: end,
        anchorRevisionId: revisionId,
        anchorState: "exact",
        anchorScore: 1,
        anchorStart: start,
        anchorEnd: end,
        tags: { create: tags.map((tag) => ({ tagId: tag.id })) },
      },
      include: annotationInclude,
    });
    await appendEvent(tx, {
      documentId,
      type: "annotation.created",
      subjectId: created.id,
      actorId: actor.userId,
      audienceUserId: created.visibility === "private" ? actor.userId : null,
    });
    return presentAnnotation(created, membership);
  });
}
