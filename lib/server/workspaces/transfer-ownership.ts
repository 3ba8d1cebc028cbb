import "server-only";

import type { Actor } from "@/lib/server/auth/actor";
import { prisma } from "@/lib/server/db";
import { AppError, notFound } from "@/lib/server/errors";
import { authorize } from "@/lib/server/permissions";

import { getMembershipOrThrow, lockWorkspace } from "./access";

/** Hands the workspace to another member: they become owner, the actor becomes moderator. */
export async function transferOwnership(
  actor: Actor,
  workspaceId: string,
  userId: string,
): Promise<void> {
  await prisma.$transaction(async (tx) => {
    await lockWorkspace(tx, workspaceId);
    const membership = await getMembershipOrThrow(actor, workspaceId, tx);
    authorize(membership, "ownership.transfer");
    if (userId === actor.userId)
      throw new AppError("unprocessable", "Choose another member to hand the workspace to");
    const target = await tx.membership.findUnique({
      where: { workspaceId_userId: { workspaceId, userId } },
    });
    if (!target) throw notFound("Member not found");
    await tx.membership.update({
      where: { workspaceId_userId: { workspaceId, userId } },
      data: { role: "owner" },
    });
    await tx.membership.update({
      where: { workspaceId_userId: { workspaceId, userId: actor.userId } },
      data: { role: "moderator" },
    });
  });
}
