import "server-only";

import type { Actor } from "@/lib/server/auth/actor";
import { prisma } from "@/lib/server/db";
import { authorize, visibleAnnotationsWhere } from "@/lib/server/permissions";
import { getDocumentMembershipOrThrow } from "@/lib/server/workspaces/access";

/** Who annotated the document, with how many of their annotations the actor can see: the
 * margin's author filter offers them. Most prolific first. */
export async function listAnnotationAuthors(
  actor: Actor,
  documentId: string,
): Promise<Array<{ id: string; name: string; count: number }>> {
  const membership = await getDocumentMembershipOrThrow(actor, documentId);
  authorize(membership, "documents.read");
  const groups = await prisma.annotation.groupBy({
    by: ["authorId"],
    where: { AND: [{ documentId, deletedAt: null }, visibleAnnotationsWhere(actor.userId)] },
    _count: { _all: true },
  });
  const users = await prisma.user.findMany({
    where: { id: { in: groups.map((group) => group.authorId) } },
    select: { id: true, name: true },
  });
  const names = new Map(users.map((user) => [user.id, user.name]));
  return groups
    .map((group) => ({
      id: group.authorId,
      name: names.get(group.authorId) ?? "",
      count: group._count._all,
    }))
    .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name));
}
