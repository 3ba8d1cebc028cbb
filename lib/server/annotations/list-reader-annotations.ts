import "server-only";

import type { Actor } from "@/lib/server/auth/actor";
import { prisma } from "@/lib/server/db";
import { annotationAbilities, authorize } from "@/lib/server/permissions";
import { getDocumentMembershipOrThrow } from "@/lib/server/workspaces/access";
import {
  encodeReaderAnnotations,
  type AnnotationItem,
  type ReaderAnnotations,
} from "@/lib/shared/annotations/reader-payload";
import type { AnnotationFilters } from "@/lib/shared/schemas/annotation";

import { annotationListOrder, annotationListWhere } from "./list-annotations";

/** Every annotation of the document the actor can see under the margin's filters, in document
 * order, as the reader page ships them: compact rows (see reader-payload.ts), read with only
 * the columns the reader needs. */
export async function listReaderAnnotations(
  actor: Actor,
  documentId: string,
  text: string,
  filters: Omit<AnnotationFilters, "limit" | "cursor">,
): Promise<ReaderAnnotations> {
  const membership = await getDocumentMembershipOrThrow(actor, documentId);
  authorize(membership, "documents.read");
  const rows = await prisma.annotation.findMany({
    where: await annotationListWhere(actor, documentId, filters),
    orderBy: annotationListOrder,
    select: {
      id: true,
      authorId: true,
      anchorState: true,
      anchorStart: true,
      anchorEnd: true,
      quoteExact: true,
      visibility: true,
      status: true,
      bodyHtml: true,
      editedAt: true,
      importedAuthor: true,
      tags: { select: { tag: { select: { name: true } } }, orderBy: { createdAt: "asc" } },
      _count: { select: { replies: { where: { deletedAt: null } } } },
    },
  });
  const authorIds = [...new Set(rows.map((row) => row.authorId))];
  const names = new Map(
    (
      await prisma.user.findMany({
        where: { id: { in: authorIds } },
        select: { id: true, name: true },
      })
    ).map((user) => [user.id, user.name]),
  );
  const items = rows.map((row): AnnotationItem => ({
    id: row.id,
    author: { id: row.authorId, name: names.get(row.authorId) ?? "" },
    target: { quote: { exact: row.quoteExact } },
    anchor: { state: row.anchorState, start: row.anchorStart, end: row.anchorEnd },
    tags: row.tags.map((link) => link.tag.name),
    visibility: row.visibility,
    status: row.status,
    replyCount: row._count.replies,
    bodyHtml: row.bodyHtml,
    edited: row.editedAt !== null,
    importedAuthor: row.importedAuthor,
    abilities: annotationAbilities(membership, row),
  }));
  return encodeReaderAnnotations(items, text);
}
