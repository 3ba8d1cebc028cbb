import "server-only";

import type { Actor } from "@/lib/server/auth/actor";
import { prisma } from "@/lib/server/db";
import { notFound } from "@/lib/server/errors";
import { authorize, can } from "@/lib/server/permissions";
import { getDocumentMembershipOrThrow } from "@/lib/server/workspaces/access";

import { presentDocument, type DocumentView } from "./present-document";

export interface ReadableDocumentView extends DocumentView {
  abilities: { revise: boolean; annotate: boolean; spotlight: boolean };
}

/** The document with its current revision, or with revision number `options.revision` (an
 * export's JSON-LD pins the revision its selectors were read in). */
export async function getDocumentOrThrow(
  actor: Actor,
  documentId: string,
  options: { revision?: number } = {},
): Promise<ReadableDocumentView> {
  const membership = await getDocumentMembershipOrThrow(actor, documentId);
  authorize(membership, "documents.read");
  const document = await prisma.document.findFirst({
    where: { id: documentId, workspaceId: membership.workspaceId, deletedAt: null },
    include: { currentRevision: true },
  });
  if (!document?.currentRevision) throw notFound("Document not found");
  const revision =
    options.revision === undefined
      ? document.currentRevision
      : await prisma.revision.findUnique({
          where: { documentId_number: { documentId, number: options.revision } },
        });
  if (!revision) throw notFound("This document has no such revision");
  return {
    ...presentDocument(document, revision),
    abilities: {
      revise: can(membership, "documents.revise"),
      annotate: can(membership, "annotations.create"),
      spotlight: can(membership, "annotations.moderate"),
    },
  };
}
