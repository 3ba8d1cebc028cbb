import "server-only";

import type { Actor } from "@/lib/server/auth/actor";
import { prisma } from "@/lib/server/db";
import { notFound } from "@/lib/server/errors";
import { LIVE_MEMBERS_CHANNEL } from "@/lib/server/events/append-event";
import { authorize } from "@/lib/server/permissions";

import { getMembershipOrThrow, lockWorkspace } from "./access";
import { assertAnotherOwner } from "./change-member-role";

/** Removes a member, or, when the actor names themself, leaves. The last owner cannot leave. */
export async function removeMember(
  actor: Actor,
  workspaceId: string,
  userId: string,
): Promise<void> {
  await prisma.$transaction(async (tx) => {
    await lockWorkspace(tx, workspaceId);
    const membership = await getMembershipOrThrow(actor, workspaceId, tx);
    const target = await tx.membership.findUnique({
      where: { workspaceId_userId: { workspaceId, userId } },
    });
    if (!target) throw notFound("Member not found");
    if (userId === actor.userId) authorize(membership, "workspace.leave");
    else authorize(membership, "members.remove", { targetRole: target.role, targetUserId: userId });
    if (target.role === "owner") await assertAnotherOwner(tx, workspaceId, userId);
    await tx.membership.delete({ where: { workspaceId_userId: { workspaceId, userId } } });
    // Their live streams in this workspace end (on every instance), at commit.
    await tx.$executeRaw`SELECT pg_notify(${LIVE_MEMBERS_CHANNEL}, ${`${workspaceId}:${userId}`})`;
  });
}
