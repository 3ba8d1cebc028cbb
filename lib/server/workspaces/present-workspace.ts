import "server-only";

import {
  workspaceAbilities,
  type MembershipContext,
  type Role,
  type WorkspaceAbilities,
} from "@/lib/server/permissions";
import type { WorkspaceSettings } from "@/lib/shared/schemas/workspace";

export interface WorkspaceView {
  id: string;
  name: string;
  kind: "team" | "class";
  role: Role;
  settings: WorkspaceSettings;
  memberCount: number;
  documentCount: number;
  createdAt: string;
  abilities: WorkspaceAbilities;
}

export const workspaceSelect = {
  id: true,
  name: true,
  kind: true,
  createdAt: true,
  _count: { select: { documents: { where: { deletedAt: null } }, memberships: true } },
} as const;

export function presentWorkspace(
  row: {
    id: string;
    name: string;
    kind: "team" | "class";
    createdAt: Date;
    _count: { documents: number; memberships: number };
  },
  membership: MembershipContext,
): WorkspaceView {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    role: membership.role,
    settings: membership.settings,
    memberCount: row._count.memberships,
    documentCount: row._count.documents,
    createdAt: row.createdAt.toISOString(),
    abilities: workspaceAbilities(membership),
  };
}
