import "server-only";

import type { Actor } from "@/lib/server/auth/actor";
import { prisma, type Tx } from "@/lib/server/db";
import { AppError, notFound } from "@/lib/server/errors";
import { authorize, type Role } from "@/lib/server/permissions";

import { getMembershipOrThrow, lockWorkspace } from "./access";

/** Owners change roles. Making someone an owner adds an owner; the last owner cannot step down. */
export async function changeMemberRole(
  actor: Actor,
  workspaceId: string,
  userId: string,
  role: Role,
): Promise<{ userId: string; role: Role }> {
  return prisma.$transaction(async (tx) => {
    await lockWorkspace(tx, workspaceId);
    const membership = await getMembershipOrThrow(actor, workspaceId, tx);
    const target = await tx.membership.findUnique({
      where: { workspaceId_userId: { workspaceId, userId } },
    });
    if (!target) throw notFound("Member not found");
    authorize(membership, "members.changeRole", { targetRole: target.role, targetUserId: userId });
    if (target.role === "owner" && role !== "owner")
      await assertAnotherOwner(tx, workspaceId, userId);
    const updated = await tx.membership.update({
      where: { workspaceId_userId: { workspaceId, userId } },
      data: { role },
    });
    return { userId, role: updated.role };
  });
}

export async function assertAnotherOwner(
  tx: Tx,
  workspaceId: string,
  userId: string,
): Promise<void> {
  const others = await tx.membership.count({
    where: { workspaceId, role: "owner", userId: { not: userId } },
  });
  if (others === 0) {
    throw new AppError("conflict", "A workspace needs an owner: make someone else an owner first");
  }
}
