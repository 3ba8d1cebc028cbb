import "server-only";

import type { Actor } from "@/lib/server/auth/actor";
import { prisma, type Tx } from "@/lib/server/db";
import { AppError } from "@/lib/server/errors";

import { hashInviteCode } from "./invite-code";

export interface InvitePreview {
  workspaceId: string;
  workspaceName: string;
  kind: "team" | "class";
  role: string;
}

// One message for every unusable code, so that codes cannot be probed for their state.
const UNUSABLE = "This invitation link is invalid, expired or revoked. Ask for a new one.";

async function findUsableInvite(db: Tx | typeof prisma, code: string) {
  if (!/^[A-Za-z0-9_-]{10,64}$/.test(code)) return null;
  const invite = await db.invite.findUnique({
    where: { codeHash: hashInviteCode(code) },
    include: { workspace: { select: { id: true, name: true, kind: true } } },
  });
  if (!invite || invite.revokedAt || invite.expiresAt <= new Date()) return null;
  if (invite.maxUses !== null && invite.uses >= invite.maxUses) return null;
  return invite;
}

/** What the join page shows before the person accepts. */
export async function previewInvite(code: string): Promise<InvitePreview> {
  const invite = await findUsableInvite(prisma, code);
  if (!invite) throw new AppError("not_found", UNUSABLE);
  return {
    workspaceId: invite.workspace.id,
    workspaceName: invite.workspace.name,
    kind: invite.workspace.kind,
    role: invite.role,
  };
}

/** Joins the invite's workspace. Accepting again as a member changes nothing. */
export async function acceptInvite(
  actor: Actor,
  code: string,
): Promise<InvitePreview & { joined: boolean }> {
  return prisma.$transaction(async (tx) => {
    const invite = await findUsableInvite(tx, code);
    if (!invite) throw new AppError("not_found", UNUSABLE);
    const preview = {
      workspaceId: invite.workspace.id,
      workspaceName: invite.workspace.name,
      kind: invite.workspace.kind,
      role: invite.role,
    };
    const existing = await tx.membership.findUnique({
      where: { workspaceId_userId: { workspaceId: invite.workspaceId, userId: actor.userId } },
    });
    if (existing) return { ...preview, role: existing.role, joined: false };
    // Count the use atomically; a code that was used up meanwhile refuses.
    const counted = await tx.invite.updateMany({
      where: {
        id: invite.id,
        revokedAt: null,
        ...(invite.maxUses !== null && { uses: { lt: invite.maxUses } }),
      },
      data: { uses: { increment: 1 } },
    });
    if (counted.count === 0) throw new AppError("not_found", UNUSABLE);
    await tx.membership.create({
      data: { workspaceId: invite.workspaceId, userId: actor.userId, role: invite.role },
    });
    return { ...preview, joined: true };
  });
}
