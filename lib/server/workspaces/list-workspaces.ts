import "server-only";

import type { Actor } from "@/lib/server/auth/actor";
import { prisma } from "@/lib/server/db";
import { membershipContext } from "@/lib/server/permissions";

import { presentWorkspace, workspaceSelect, type WorkspaceView } from "./present-workspace";

/** The actor's workspaces, oldest membership first. */
export async function listWorkspaces(actor: Actor): Promise<WorkspaceView[]> {
  const rows = await prisma.membership.findMany({
    where: { userId: actor.userId },
    orderBy: [{ createdAt: "asc" }, { workspaceId: "asc" }],
    include: { workspace: { select: { ...workspaceSelect, settings: true } } },
  });
  return rows.map((row) => presentWorkspace(row.workspace, membershipContext(row)));
}
