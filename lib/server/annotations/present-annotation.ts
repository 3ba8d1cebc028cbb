import "server-only";

import { Prisma } from "@/lib/server/db";
import {
  annotationAbilities,
  type AnnotationAbilities,
  type MembershipContext,
} from "@/lib/server/permissions";

// The API's shape of an annotation (docs/api.md, "An annotation").

export const annotationInclude = {
  author: { select: { id: true, name: true } },
  tags: { include: { tag: { select: { name: true } } }, orderBy: { createdAt: "asc" } },
  _count: { select: { replies: { where: { deletedAt: null } } } },
} satisfies Prisma.AnnotationInclude;

export type AnnotationRow = Prisma.AnnotationGetPayload<{ include: typeof annotationInclude }>;

export interface AnnotationView {
  id: string;
  documentId: string;
  revisionId: string;
  author: { id: string; name: string };
  target: {
    quote: { exact: string; prefix: string; suffix: string };
    position: { start: number; end: number } | null;
  };
  anchor: {
    state: "exact" | "fuzzy" | "orphaned";
    score: number;
    start: number | null;
    end: number | null;
  };
  tags: string[];
  body: unknown;
  bodyHtml: string | null;
  visibility: "workspace" | "private";
  status: "open" | "resolved";
  replyCount: number;
  createdAt: string;
  updatedAt: string;
  /** When its author last changed the comment ("edited"), or null. */
  editedAt: string | null;
  /** Imported from another tool: who made it there (`author` is who imported it), else null. */
  importedAuthor: string | null;
  abilities: AnnotationAbilities;
}

export function presentAnnotation(
  row: AnnotationRow,
  membership: MembershipContext,
): AnnotationView {
  return {
    id: row.id,
    documentId: row.documentId,
    revisionId: row.revisionId,
    author: { id: row.author.id, name: row.author.name },
    target: {
      quote: { exact: row.quoteExact, prefix: row.quotePrefix, suffix: row.quoteSuffix },
      position:
        row.positionStart !== null && row.positionEnd !== null
          ? { start: row.positionStart, end: row.positionEnd }
          : null,
    },
    anchor: {
      state: row.anchorState,
      score: row.anchorScore,
      start: row.anchorStart,
      end: row.anchorEnd,
    },
    tags: row.tags.map((link) => link.tag.name),
    body: row.body ?? null,
    bodyHtml: row.bodyHtml,
    visibility: row.visibility,
    status: row.status,
    replyCount: row._count.replies,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    editedAt: row.editedAt?.toISOString() ?? null,
    importedAuthor: row.importedAuthor,
    abilities: annotationAbilities(membership, row),
  };
}
