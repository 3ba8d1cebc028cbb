import "server-only";

import { prisma } from "@/lib/server/db";
import { notFound } from "@/lib/server/errors";

export interface WorkspaceView {
  id: string;
  name: string;
  kind: "team" | "class";
  documentCount: number;
  createdAt: string;
}

type Row = {
  id: string;
  name: string;
  kind: "team" | "class";
  createdAt: Date;
  _count: { documents: number };
};

function present(row: Row): WorkspaceView {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    documentCount: row._count.documents,
    createdAt: row.createdAt.toISOString(),
  };
}

const select = {
  id: true,
  name: true,
  kind: true,
  createdAt: true,
  _count: { select: { documents: { where: { deletedAt: null } } } },
} as const;

// Until sign-in lands (issue 3) every workspace is listed; then this is scoped by membership.
export async function listWorkspaces(): Promise<WorkspaceView[]> {
  const rows = await prisma.workspace.findMany({
    select,
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
  return rows.map(present);
}

export async function getWorkspaceOrThrow(workspaceId: string): Promise<WorkspaceView> {
  const row = await prisma.workspace.findUnique({ where: { id: workspaceId }, select });
  if (!row) throw notFound("Workspace not found");
  return present(row);
}
