import "server-only";

import type { z } from "zod";

import type { Actor } from "@/lib/server/auth/actor";
import { prisma } from "@/lib/server/db";
import { authorize } from "@/lib/server/permissions";
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
  const row = await prisma.workspace.update({
    where: { id: workspaceId },
    data: { name: input.name, kind: input.kind, settings },
    select: workspaceSelect,
  });
  return presentWorkspace(row, { ...membership, settings });
}
