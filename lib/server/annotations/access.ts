import "server-only";

import type { Actor } from "@/lib/server/auth/actor";
import { prisma, type Tx } from "@/lib/server/db";
import { notFound } from "@/lib/server/errors";
import { visibleAnnotationsWhere, type MembershipContext } from "@/lib/server/permissions";
import { getMembershipOrThrow } from "@/lib/server/workspaces/access";

import { annotationInclude, type AnnotationRow } from "./present-annotation";

/** An annotation the actor can see (a member of its workspace; private ones: its author), or 404. */
export async function getVisibleAnnotationOrThrow(
  actor: Actor,
  annotationId: string,
  db: Tx | typeof prisma = prisma,
): Promise<{ row: AnnotationRow; membership: MembershipContext; workspaceId: string }> {
  const row = await db.annotation.findFirst({
    where: {
      id: annotationId,
      deletedAt: null,
      document: { deletedAt: null, workspace: { memberships: { some: { userId: actor.userId } } } },
      ...visibleAnnotationsWhere(actor.userId),
    },
    include: { ...annotationInclude, document: { select: { workspaceId: true } } },
  });
  if (!row) throw notFound("Annotation not found");
  const membership = await getMembershipOrThrow(actor, row.document.workspaceId, db);
  return { row, membership, workspaceId: row.document.workspaceId };
}
