import "server-only";

import type { z } from "zod";

import type { Actor } from "@/lib/server/auth/actor";
import { prisma } from "@/lib/server/db";
import { authorize } from "@/lib/server/permissions";
import { getMembershipOrThrow } from "@/lib/server/workspaces/access";
import type { createInviteSchema } from "@/lib/shared/schemas/workspace";

import { generateInviteCode, inviteUrl } from "./invite-code";

export interface CreatedInvite {
  id: string;
  code: string;
  url: string;
  role: "moderator" | "member";
  expiresAt: string;
  maxUses: number | null;
}

/** A new invite code (shown once). With revokeOthers, the workspace's open invites are revoked:
 * that is "reset the invite link". */
export async function createInvite(
  actor: Actor,
  workspaceId: string,
  input: z.infer<typeof createInviteSchema>,
  origin: string | null,
): Promise<CreatedInvite> {
  const membership = await getMembershipOrThrow(actor, workspaceId);
  authorize(membership, "invites.manage");
  const { code, codeHash } = generateInviteCode();
  const expiresAt = new Date(Date.now() + input.expiresInDays * 24 * 60 * 60 * 1000);
  const invite = await prisma.$transaction(async (tx) => {
    if (input.revokeOthers) {
      await tx.invite.updateMany({
        where: { workspaceId, revokedAt: null },
        data: { revokedAt: new Date() },
      });
    }
    return tx.invite.create({
      data: {
        workspaceId,
        codeHash,
        role: input.role,
        expiresAt,
        maxUses: input.maxUses ?? null,
        createdById: actor.userId,
      },
    });
  });
  return {
    id: invite.id,
    code,
    url: inviteUrl(code, origin),
    role: invite.role === "moderator" ? "moderator" : "member",
    expiresAt: invite.expiresAt.toISOString(),
    maxUses: invite.maxUses,
  };
}
