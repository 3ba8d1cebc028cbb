import "server-only";

import { prisma } from "@/lib/server/db";
import { notFound } from "@/lib/server/errors";

import { presentDocument, type DocumentView } from "./present-document";

export async function getDocumentOrThrow(documentId: string): Promise<DocumentView> {
  const document = await prisma.document.findFirst({
    where: { id: documentId, deletedAt: null },
    include: { currentRevision: true },
  });
  if (!document?.currentRevision) throw notFound("Document not found");
  return presentDocument(document, document.currentRevision);
}
