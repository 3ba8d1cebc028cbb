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

export async function getDocumentOrThrow(
  actor: Actor,
  documentId: string,
): Promise<ReadableDocumentView> {
  const membership = await getDocumentMembershipOrThrow(actor, documentId);
  authorize(membership, "documents.read");
  const document = await prisma.document.findFirst({
    where: { id: documentId, workspaceId: membership.workspaceId, deletedAt: null },
    include: { currentRevision: true },
  });
  if (!document?.currentRevision) throw notFound("Document not found");
  return {
    ...presentDocument(document, document.currentRevision),
    abilities: {
      revise: can(membership, "documents.revise"),
      annotate: can(membership, "annotations.create"),
      spotlight: can(membership, "annotations.moderate"),
    },
  };
}
