import "server-only";

import type { Actor } from "@/lib/server/auth/actor";
import { prisma, Prisma } from "@/lib/server/db";
import { AppError } from "@/lib/server/errors";
import { authorize, visibleAnnotationsWhere } from "@/lib/server/permissions";
import { getDocumentMembershipOrThrow } from "@/lib/server/workspaces/access";
import { normalizeTagName, type AnnotationFilters } from "@/lib/shared/schemas/annotation";

import { annotationInclude, presentAnnotation, type AnnotationView } from "./present-annotation";

/** A document's annotations the actor can see, in document order (orphans last), filtered like
 * the margin: tags (any of), author, mine, status, text in the quote. Keyset-paginated on
 * (anchor start, id). */
export async function listAnnotations(
  actor: Actor,
  documentId: string,
  filters: AnnotationFilters,
): Promise<{ items: AnnotationView[]; nextCursor: string | null }> {
  const membership = await getDocumentMembershipOrThrow(actor, documentId);
  authorize(membership, "documents.read");
  const cursor = decode(filters.cursor);
  const where: Prisma.AnnotationWhereInput = {
    AND: [await annotationListWhere(actor, documentId, filters), cursor ? after(cursor) : {}],
  };
  const rows = await prisma.annotation.findMany({
    where,
    include: annotationInclude,
    orderBy: annotationListOrder,
    take: filters.limit + 1,
  });
  const page = rows.slice(0, filters.limit);
  const last = page.at(-1);
  return {
    items: page.map((row) => presentAnnotation(row, membership)),
    nextCursor:
      rows.length > filters.limit && last ? encode(last.anchorStart ?? -1, last.id) : null,
  };
}

/** The annotations of a document the actor can see, narrowed by the margin's filters. The
 * reader page (list-reader-annotations.ts) and the API share it. */
export async function annotationListWhere(
  actor: Actor,
  documentId: string,
  filters: Omit<AnnotationFilters, "limit" | "cursor">,
): Promise<Prisma.AnnotationWhereInput> {
  return {
    AND: [
      { documentId, deletedAt: null },
      visibleAnnotationsWhere(actor.userId),
      filters.tag?.length
        ? { tags: { some: { tag: { normalizedName: { in: filters.tag.map(normalizeTagName) } } } } }
        : {},
      filters.author ? { authorId: filters.author } : {},
      filters.mine ? { authorId: actor.userId } : {},
      filters.status ? { status: filters.status } : {},
      filters.q ? { id: { in: await searchAnnotations(documentId, filters.q) } } : {},
    ],
  };
}

/** Full-text search in one document: the annotations whose quote or comment, or one of whose
 * replies, matches the words asked (English stemming, web-search syntax: "quoted phrases",
 * or, -not), plus those whose quote contains the text as typed (parts of words, names).
 * Visibility is applied by the caller's `where`. */
async function searchAnnotations(documentId: string, q: string): Promise<string[]> {
  const like = `%${q.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
  const rows = await prisma.$queryRaw<Array<{ id: string }>>`
    SELECT a.id FROM "Annotation" a
    WHERE a."documentId" = ${documentId} AND a."deletedAt" IS NULL
      AND (
        a."searchVector" @@ websearch_to_tsquery('english', ${q})
        OR a."quoteExact" ILIKE ${like}
        OR EXISTS (
          SELECT 1 FROM "Reply" r
          WHERE r."annotationId" = a.id AND r."deletedAt" IS NULL
            AND r."searchVector" @@ websearch_to_tsquery('english', ${q})
        )
      )`;
  return rows.map((row) => row.id);
}

/** Document order: by anchor start, orphans last, ties by id. */
export const annotationListOrder = [
  { anchorStart: { sort: "asc", nulls: "last" } },
  { id: "asc" },
] satisfies Prisma.AnnotationOrderByWithRelationInput[];

// Orphans (no anchor) sort last; their cursor position is -1.
function after(cursor: { start: number; id: string }): Prisma.AnnotationWhereInput {
  if (cursor.start < 0) return { anchorStart: null, id: { gt: cursor.id } };
  return {
    OR: [
      { anchorStart: { gt: cursor.start } },
      { anchorStart: cursor.start, id: { gt: cursor.id } },
      { anchorStart: null },
    ],
  };
}

function encode(start: number, id: string): string {
  return Buffer.from(JSON.stringify([start, id])).toString("base64url");
}

function decode(raw: string | undefined): { start: number; id: string } | null {
  if (!raw) return null;
  try {
    const [start, id] = JSON.parse(Buffer.from(raw, "base64url").toString("utf8")) as [
      unknown,
      unknown,
    ];
    if (typeof start === "number" && Number.isInteger(start) && typeof id === "string")
      return { start, id };
  } catch {
    // fall through
  }
  throw new AppError("bad_request", "The cursor is not one this server gave out");
}
