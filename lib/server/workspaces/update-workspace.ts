import "server-only";

import type { z } from "zod";

import type { Actor } from "@/lib/server/auth/actor";
import { prisma } from "@/lib/server/db";
import { authorize, membershipContext } from "@/lib/server/permissions";
import type { updateWorkspaceSchema } from "@/lib/shared/schemas/workspace";

import { getMembershipOrThrow } from "./access";
import { presentWorkspace, workspaceSelect, type WorkspaceView } from "./present-workspace";

export async function updateWorkspace(
  actor: Actor,
  workspaceId: string,
  input: z.infer<typeof updateWorkspaceSchema>,
): Promise<WorkspaceView> {
  const membership = await getMembershipOrThrow(actor, workspaceId);
  authorize(membership, "workspace.update");
  const settings = { ...membership.settings, ...input.settings };
  await prisma.workspace.update({
    where: { id: workspaceId },
    data: { name: input.name, kind: input.kind, settings },
  });
  const row = await prisma.workspace.findUniqueOrThrow({
    where: { id: workspaceId },
    select: workspaceSelect,
  });
  const updated = await prisma.membership.findUniqueOrThrow({
    where: { workspaceId_userId: { workspaceId, userId: actor.userId } },
    include: { workspace: { select: { settings: true } } },
  });
  return presentWorkspace(row, membershipContext(updated));
}
