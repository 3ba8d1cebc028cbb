import "server-only";

import { Prisma } from "@/lib/server/db";
import {
  replyAbilities,
  type MembershipContext,
  type ReplyAbilities,
} from "@/lib/server/permissions";

// The API's shape of a reply (docs/api.md, "Threads"). A deleted reply is a tombstone: no
// body, so a thread with answers below it keeps its shape.

export const replyInclude = {
  author: { select: { id: true, name: true } },
} satisfies Prisma.ReplyInclude;

export type ReplyRow = Prisma.ReplyGetPayload<{ include: typeof replyInclude }>;

export interface ReplyView {
  id: string;
  annotationId: string;
  parentId: string | null;
  author: { id: string; name: string };
  body: unknown;
  bodyHtml: string | null;
  deleted: boolean;
  createdAt: string;
  updatedAt: string;
  editedAt: string | null;
  /** Imported from another tool: who wrote it there (`author` imported it), else null. */
  importedAuthor: string | null;
  abilities: ReplyAbilities;
}

export function presentReply(row: ReplyRow, membership: MembershipContext): ReplyView {
  const deleted = row.deletedAt !== null;
  return {
    id: row.id,
    annotationId: row.annotationId,
    parentId: row.parentId,
    author: { id: row.author.id, name: row.author.name },
    body: deleted ? null : row.body,
    bodyHtml: deleted ? null : row.bodyHtml,
    deleted,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    editedAt: row.editedAt?.toISOString() ?? null,
    importedAuthor: row.importedAuthor,
    abilities: replyAbilities(membership, row),
  };
}
