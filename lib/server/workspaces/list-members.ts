import "server-only";

import type { Actor } from "@/lib/server/auth/actor";
import { prisma } from "@/lib/server/db";
import { authorize, can, type Role } from "@/lib/server/permissions";

import { getMembershipOrThrow } from "./access";

export interface MemberView {
  userId: string;
  name: string;
  email: string;
  role: Role;
  joinedAt: string;
  isYou: boolean;
  abilities: { changeRole: boolean; remove: boolean };
}

const ROLE_ORDER: Record<Role, number> = { owner: 0, moderator: 1, member: 2 };

export async function listMembers(actor: Actor, workspaceId: string): Promise<MemberView[]> {
  const membership = await getMembershipOrThrow(actor, workspaceId);
  authorize(membership, "members.read");
  const rows = await prisma.membership.findMany({
    where: { workspaceId },
    include: { user: { select: { id: true, name: true, email: true } } },
    orderBy: [{ createdAt: "asc" }],
  });
  return rows
    .map((row) => ({
      userId: row.user.id,
      name: row.user.name,
      email: row.user.email,
      role: row.role,
      joinedAt: row.createdAt.toISOString(),
      isYou: row.userId === actor.userId,
      abilities: {
        changeRole:
          row.userId !== actor.userId &&
          can(membership, "members.changeRole", { targetRole: row.role }),
        remove: can(membership, "members.remove", {
          targetRole: row.role,
          targetUserId: row.userId,
        }),
      },
    }))
    .sort((a, b) => ROLE_ORDER[a.role] - ROLE_ORDER[b.role] || a.name.localeCompare(b.name));
}
