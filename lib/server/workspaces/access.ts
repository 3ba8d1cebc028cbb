import "server-only";

import type { Actor } from "@/lib/server/auth/actor";
import { prisma, type Tx } from "@/lib/server/db";
import { notFound } from "@/lib/server/errors";
import { membershipContext, type MembershipContext } from "@/lib/server/permissions";

// Membership-scoped lookups: the only way services reach a workspace's data. A workspace the
// actor does not belong to does not exist for them (404), whatever the id.

export async function getMembershipOrThrow(
  actor: Actor,
  workspaceId: string,
  db: Tx | typeof prisma = prisma,
): Promise<MembershipContext> {
  const row = await db.membership.findUnique({
    where: { workspaceId_userId: { workspaceId, userId: actor.userId } },
    include: { workspace: { select: { settings: true } } },
  });
  if (!row) throw notFound("Workspace not found");
  return membershipContext(row);
}

/** The actor's membership in the workspace that holds a document; 404 when there is none. */
export async function getDocumentMembershipOrThrow(
  actor: Actor,
  documentId: string,
  db: Tx | typeof prisma = prisma,
): Promise<MembershipContext> {
  const document = await db.document.findFirst({
    where: {
      id: documentId,
      deletedAt: null,
      workspace: { memberships: { some: { userId: actor.userId } } },
    },
    select: { workspaceId: true },
  });
  if (!document) throw notFound("Document not found");
  return getMembershipOrThrow(actor, document.workspaceId, db);
}

/** Serializes changes to a workspace's memberships (the last-owner rule needs it). */
export async function lockWorkspace(tx: Tx, workspaceId: string): Promise<void> {
  await tx.$queryRaw`SELECT id FROM "Workspace" WHERE id = ${workspaceId} FOR UPDATE`;
}
