import "server-only";

import type { z } from "zod";

import type { Actor } from "@/lib/server/auth/actor";
import { prisma } from "@/lib/server/db";
import { membershipContext } from "@/lib/server/permissions";
import { addSeedArticle } from "@/lib/server/seed/seed-article";
import type { createWorkspaceSchema } from "@/lib/shared/schemas/workspace";

import { presentWorkspace, workspaceSelect, type WorkspaceView } from "./present-workspace";

/** Creates a workspace owned by the actor. It starts with the seed article, so that a new
 * team or class has something to read together from the first minute. */
export async function createWorkspace(
  actor: Actor,
  input: z.infer<typeof createWorkspaceSchema>,
): Promise<WorkspaceView> {
  return prisma.$transaction(async (tx) => {
    const workspace = await tx.workspace.create({ data: { name: input.name, kind: input.kind } });
    const membership = await tx.membership.create({
      data: { workspaceId: workspace.id, userId: actor.userId, role: "owner" },
      include: { workspace: { select: { settings: true } } },
    });
    await addSeedArticle(tx, workspace.id, actor.userId);
    const row = await tx.workspace.findUniqueOrThrow({
      where: { id: workspace.id },
      select: workspaceSelect,
    });
    return presentWorkspace(row, membershipContext(membership));
  });
}
