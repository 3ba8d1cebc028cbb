import "server-only";

import type { Actor } from "@/lib/server/auth/actor";
import { prisma } from "@/lib/server/db";
import { notFound } from "@/lib/server/errors";
import { authorize } from "@/lib/server/permissions";
import { getMembershipOrThrow } from "@/lib/server/workspaces/access";

export interface InviteView {
  id: string;
  role: string;
  expiresAt: string;
  uses: number;
  maxUses: number | null;
  createdAt: string;
  createdBy: string | null;
  state: "open" | "expired" | "revoked" | "used up";
}

export async function listInvites(actor: Actor, workspaceId: string): Promise<InviteView[]> {
  const membership = await getMembershipOrThrow(actor, workspaceId);
  authorize(membership, "invites.manage");
  const now = new Date();
  const rows = await prisma.invite.findMany({
    where: { workspaceId },
    orderBy: { createdAt: "desc" },
    take: 100,
    include: { createdBy: { select: { name: true } } },
  });
  return rows.map((row) => ({
    id: row.id,
    role: row.role,
    expiresAt: row.expiresAt.toISOString(),
    uses: row.uses,
    maxUses: row.maxUses,
    createdAt: row.createdAt.toISOString(),
    createdBy: row.createdBy?.name ?? null,
    state: row.revokedAt
      ? "revoked"
      : row.expiresAt <= now
        ? "expired"
        : row.maxUses !== null && row.uses >= row.maxUses
          ? "used up"
          : "open",
  }));
}

export async function revokeInvite(
  actor: Actor,
  workspaceId: string,
  inviteId: string,
): Promise<void> {
  const membership = await getMembershipOrThrow(actor, workspaceId);
  authorize(membership, "invites.manage");
  const result = await prisma.invite.updateMany({
    where: { id: inviteId, workspaceId, revokedAt: null },
    data: { revokedAt: new Date() },
  });
  if (result.count === 0) {
    const exists = await prisma.invite.count({ where: { id: inviteId, workspaceId } });
    if (!exists) throw notFound("Invite not found");
  }
}
