import "server-only";

import type { Actor } from "@/lib/server/auth/actor";
import { prisma, Prisma } from "@/lib/server/db";
import { parseCommentBody } from "@/lib/server/editor/comment-body";
import { resolveMentions } from "@/lib/server/editor/resolve-mentions";
import { notFound } from "@/lib/server/errors";
import { appendEvent } from "@/lib/server/events/append-event";
import { deliverLater } from "@/lib/server/notifications/deliver-emails";
import { notifyForComment } from "@/lib/server/notifications/notify";
import { authorize } from "@/lib/server/permissions";
import { ensureTags } from "@/lib/server/tags/ensure-tags";
import { getDocumentMembershipOrThrow } from "@/lib/server/workspaces/access";
import { describeRange } from "@/lib/shared/anchoring";
import type { CreateAnnotationInput } from "@/lib/shared/schemas/annotation";

import { locateQuote } from "./locate-quote";
import { annotationInclude, presentAnnotation, type AnnotationView } from "./present-annotation";

/** Highlights a passage of the document's current revision, with tags (created inline) and
 * an optional comment (validated Tiptap JSON; mentioned members are notified). The
 * stored selectors are recomputed from the text: the exact quote, 32 characters of context on
 * each side, the position, and the revision. */
export async function createAnnotation(
  actor: Actor,
  documentId: string,
  input: CreateAnnotationInput,
): Promise<AnnotationView> {
  const membership = await getDocumentMembershipOrThrow(actor, documentId);
  authorize(membership, "annotations.create");
  const parsed = input.body ? parseCommentBody(input.body) : null;
  const body = parsed && (await resolveMentions(prisma, membership.workspaceId, parsed));
  const { view, notified } = await prisma.$transaction(async (tx) => {
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
        ...(body
          ? {
              body: body.json as Prisma.InputJsonValue,
              bodyHtml: body.html,
              bodyText: body.text,
            }
          : {}),
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
    const notified = body?.mentions.length
      ? await notifyForComment(tx, {
          workspaceId: membership.workspaceId,
          annotation: created,
          replyId: null,
          actorId: actor.userId,
          mentions: body.mentions,
        })
      : [];
    return { view: presentAnnotation(created, membership), notified };
  });
  deliverLater(notified);
  return view;
}
