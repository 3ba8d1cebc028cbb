import "server-only";

import type { z } from "zod";

import type { Actor } from "@/lib/server/auth/actor";
import { prisma, type Tx } from "@/lib/server/db";
import { notFound } from "@/lib/server/errors";
import { appendEvent } from "@/lib/server/events/append-event";
import { authorize } from "@/lib/server/permissions";
import { getDocumentMembershipOrThrow } from "@/lib/server/workspaces/access";
import { reanchorAll, type Anchor } from "@/lib/shared/anchoring";
import { contentOf, type reviseDocumentSchema } from "@/lib/shared/schemas/document";

import { revisionContent } from "./revision-content";

export interface RevisionResult {
  revisionId: string;
  revisionNumber: number;
  reanchored: { exact: number; fuzzy: number; orphaned: number };
}

/** A new revision of a document, and every annotation re-anchored into it, in one transaction:
 * an anchor never points into a revision that is not the document's current one. */
export async function reviseDocument(
  actor: Actor,
  documentId: string,
  input: z.infer<typeof reviseDocumentSchema>,
): Promise<RevisionResult> {
  const membership = await getDocumentMembershipOrThrow(actor, documentId);
  authorize(membership, "documents.revise");
  const { format, content } = contentOf(input);
  const { data } = revisionContent(format, content);

  return prisma.$transaction(
    async (tx) => {
      // Revisions of one document are made one at a time.
      await tx.$queryRaw`SELECT id FROM "Document" WHERE id = ${documentId} FOR UPDATE`;
      const document = await tx.document.findFirst({
        where: { id: documentId, deletedAt: null },
        include: { currentRevision: true },
      });
      if (!document?.currentRevision) throw notFound("Document not found");
      const previous = document.currentRevision;
      const revision = await tx.revision.create({
        data: {
          documentId,
          number: previous.number + 1,
          ...data,
          createdById: actor.userId,
        },
      });
      await tx.document.update({
        where: { id: documentId },
        data: { currentRevisionId: revision.id, ...(input.title && { title: input.title }) },
      });
      const reanchored = await reanchorAnnotations(
        tx,
        documentId,
        previous.text,
        revision.id,
        data.text,
      );
      await appendEvent(tx, {
        documentId,
        type: "document.revised",
        subjectId: revision.id,
        actorId: actor.userId,
      });
      return { revisionId: revision.id, revisionNumber: revision.number, reanchored };
    },
    { timeout: 60_000 },
  );
}

async function reanchorAnnotations(
  tx: Tx,
  documentId: string,
  oldText: string,
  revisionId: string,
  newText: string,
): Promise<RevisionResult["reanchored"]> {
  const rows = await tx.annotation.findMany({
    where: { documentId, deletedAt: null },
    select: {
      id: true,
      quoteExact: true,
      quotePrefix: true,
      quoteSuffix: true,
      anchorStart: true,
      anchorEnd: true,
    },
  });
  // Where each annotation sat in the old text is the best hint of where it sits now.
  const anchors: Anchor[] = reanchorAll(
    newText,
    rows.map((row) => ({
      quote: { exact: row.quoteExact, prefix: row.quotePrefix, suffix: row.quoteSuffix },
      position:
        row.anchorStart !== null && row.anchorEnd !== null
          ? { start: row.anchorStart, end: row.anchorEnd }
          : null,
    })),
    oldText,
  );
  const counts = { exact: 0, fuzzy: 0, orphaned: 0 };
  for (const anchor of anchors) counts[anchor.state] += 1;
  if (rows.length) {
    // One statement for all of them: thousands of annotations must not mean thousands of round trips.
    await tx.$executeRaw`
      UPDATE "Annotation" AS a SET
        "anchorRevisionId" = ${revisionId},
        "anchorState" = v.state::"AnchorState",
        "anchorScore" = v.score,
        "anchorStart" = v.s,
        "anchorEnd" = v.e
      FROM unnest(
        ${rows.map((row) => row.id)}::text[],
        ${anchors.map((a) => a.state)}::text[],
        ${anchors.map((a) => a.score)}::float8[],
        ${anchors.map((a) => a.start)}::int[],
        ${anchors.map((a) => a.end)}::int[]
      ) AS v(id, state, score, s, e)
      WHERE a.id = v.id`;
  }
  return counts;
}
