import "server-only";

import { z } from "zod";

import { prisma } from "@/lib/server/db";

import { presentDocumentSummary, type DocumentSummaryView } from "./present-document";

const seedMeta = z.object({ documentId: z.string() });

/** The document the home page greets newcomers with: the seed article while it exists, else
 * the newest document. */
export async function getFeaturedDocument(): Promise<DocumentSummaryView | null> {
  const meta = await prisma.appMeta.findUnique({ where: { key: "seed.article" } });
  const seedId = seedMeta.safeParse(meta?.value).data?.documentId;
  const include = {
    currentRevision: { select: { id: true, number: true, excerpt: true, wordCount: true } },
  };
  const document =
    (seedId &&
      (await prisma.document.findFirst({ where: { id: seedId, deletedAt: null }, include }))) ||
    (await prisma.document.findFirst({
      where: { deletedAt: null, currentRevisionId: { not: null } },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      include,
    }));
  return document?.currentRevision
    ? presentDocumentSummary(document, document.currentRevision)
    : null;
}
