import "server-only";

import type { Actor } from "@/lib/server/auth/actor";
import { prisma, type Tx } from "@/lib/server/db";
import { notFound } from "@/lib/server/errors";
import { visibleAnnotationsWhere, type MembershipContext } from "@/lib/server/permissions";
import { getMembershipOrThrow } from "@/lib/server/workspaces/access";

import { annotationInclude, type AnnotationRow } from "./present-annotation";

/** An annotation the actor can see (a member of its workspace; private ones: its author), or 404.
 * In a write transaction, `lock` takes its row lock first (FOR UPDATE to change it, FOR SHARE
 * to add to its thread), so what is read is what concurrent writers left: no update of a row
 * deleted meanwhile, no reply after it turned private, no mention notified twice. */
export async function getVisibleAnnotationOrThrow(
  actor: Actor,
  annotationId: string,
  db: Tx | typeof prisma = prisma,
  options: { lock?: "update" | "share" } = {},
): Promise<{ row: AnnotationRow; membership: MembershipContext; workspaceId: string }> {
  if (options.lock === "update")
    await db.$queryRaw`SELECT id FROM "Annotation" WHERE id = ${annotationId} FOR UPDATE`;
  else if (options.lock === "share")
    await db.$queryRaw`SELECT id FROM "Annotation" WHERE id = ${annotationId} FOR SHARE`;
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
