import "server-only";

import type { Actor } from "@/lib/server/auth/actor";
import { prisma } from "@/lib/server/db";
import { decodeCursor, encodeCursor } from "@/lib/server/http/cursor";
import { authorize } from "@/lib/server/permissions";
import { getMembershipOrThrow } from "@/lib/server/workspaces/access";
import type { Pagination } from "@/lib/shared/schemas/common";

import { presentDocumentSummary, type DocumentSummaryView } from "./present-document";

/** A workspace's documents, newest first, keyset-paginated on (createdAt, id). */
export async function listDocuments(
  actor: Actor,
  args: { workspaceId: string; page: Pagination },
): Promise<{ items: DocumentSummaryView[]; nextCursor: string | null }> {
  const membership = await getMembershipOrThrow(actor, args.workspaceId);
  authorize(membership, "documents.read");
  const cursor = decodeCursor(args.page.cursor);
  const rows = await prisma.document.findMany({
    where: {
      workspaceId: args.workspaceId,
      deletedAt: null,
      currentRevisionId: { not: null },
      ...(cursor && {
        OR: [{ createdAt: { lt: cursor.t } }, { createdAt: cursor.t, id: { lt: cursor.id } }],
      }),
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: args.page.limit + 1,
    include: {
      currentRevision: { select: { id: true, number: true, excerpt: true, wordCount: true } },
    },
  });
  const page = rows.slice(0, args.page.limit);
  const last = page.at(-1);
  return {
    items: page.flatMap((row) =>
      row.currentRevision ? [presentDocumentSummary(row, row.currentRevision)] : [],
    ),
    nextCursor:
      rows.length > args.page.limit && last
        ? encodeCursor({ t: last.createdAt, id: last.id })
        : null,
  };
}
