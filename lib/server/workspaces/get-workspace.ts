import "server-only";

import type { Actor } from "@/lib/server/auth/actor";
import { prisma } from "@/lib/server/db";
import { authorize } from "@/lib/server/permissions";

import { getMembershipOrThrow } from "./access";
import { presentWorkspace, workspaceSelect, type WorkspaceView } from "./present-workspace";

export async function getWorkspaceOrThrow(
  actor: Actor,
  workspaceId: string,
): Promise<WorkspaceView> {
  const membership = await getMembershipOrThrow(actor, workspaceId);
  authorize(membership, "workspace.read");
  const row = await prisma.workspace.findUniqueOrThrow({
    where: { id: workspaceId },
    select: workspaceSelect,
  });
  return presentWorkspace(row, membership);
}
