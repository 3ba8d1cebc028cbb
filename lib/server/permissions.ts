import "server-only";
import type { PendingQuery, Row, Sql } from "postgres";

import { AppError } from "@/lib/server/errors";
import { workspaceSettingsSchema, type WorkspaceSettings } from "@/lib/shared/schemas/workspace";

// Authorization in one place. Every route handler and server action asks `can()` (through
// `authorize()`), and every query that loads a workspace's data is scoped by the actor's
// membership (lib/server/workspaces/access.ts), so a forgotten check yields 404, not a leak.
// Replies that the UI acts on carry `abilities` computed here, so components never
// re-implement these rules.

export const ROLES = ["owner", "moderator", "member"] as const;
export type Role = (typeof ROLES)[number];

export const ACTIONS = [
  "workspace.read",
  "workspace.update", // rename, settings
  "workspace.leave",
  "members.read",
  "members.changeRole",
  "members.remove",
  "ownership.transfer",
  "invites.manage",
  "documents.read",
  "documents.create",
  "documents.revise",
  "annotations.create",
  "annotations.moderate", // resolve, hide or delete other people's annotations and replies
  "tags.create",
  "tags.manage", // rename, recolour, merge, delete
  "export.run",
  "participation.read",
] as const;
export type Action = (typeof ACTIONS)[number];

const EVERYONE: Role[] = ["owner", "moderator", "member"];
const STAFF: Role[] = ["owner", "moderator"];
const OWNER: Role[] = ["owner"];

/** Which roles may do what. Rules that depend on the resource are in `can()` below. */
export const ROLE_ACTIONS: Record<Action, readonly Role[]> = {
  "workspace.read": EVERYONE,
  "workspace.update": OWNER,
  "workspace.leave": EVERYONE,
  "members.read": EVERYONE,
  "members.changeRole": OWNER,
  "members.remove": STAFF,
  "ownership.transfer": OWNER,
  "invites.manage": STAFF,
  "documents.read": EVERYONE,
  "documents.create": STAFF, // members too when the workspace's settings say so
  "documents.revise": STAFF,
  "annotations.create": EVERYONE,
  "annotations.moderate": STAFF,
  "tags.create": EVERYONE,
  "tags.manage": STAFF,
  "export.run": EVERYONE,
  "participation.read": STAFF,
};

/** What an actor is in one workspace. */
export interface MembershipContext {
  userId: string;
  workspaceId: string;
  role: Role;
  settings: WorkspaceSettings;
}

/** The resource an action touches, when the rule depends on it. */
export interface ResourceFacts {
  /** members.remove / members.changeRole: the role of the member acted on. */
  targetRole?: Role;
  /** members.remove: the member acted on (removing yourself is leaving). */
  targetUserId?: string;
}

export function can(
  membership: MembershipContext | null,
  action: Action,
  resource: ResourceFacts = {},
): boolean {
  if (!membership) return false;
  const { role } = membership;
  if (action === "documents.create" && role === "member")
    return membership.settings.membersMayAddDocuments;
  if (!ROLE_ACTIONS[action].includes(role)) return false;
  if (action === "members.remove") {
    if (resource.targetUserId === membership.userId) return false; // that is leaving
    // Moderators remove members, not other moderators or owners.
    if (role === "moderator" && resource.targetRole !== "member") return false;
  }
  return true;
}

/** Throws 403: the resource is visible to the actor (they are a member), the action is not theirs. */
export function authorize(
  membership: MembershipContext,
  action: Action,
  resource: ResourceFacts = {},
): void {
  if (!can(membership, action, resource)) {
    throw new AppError(
      "forbidden",
      FORBIDDEN_MESSAGES[action] ?? "You are not allowed to do that in this workspace",
    );
  }
}

const FORBIDDEN_MESSAGES: Partial<Record<Action, string>> = {
  "workspace.update": "Only owners can change the workspace's name and settings",
  "members.changeRole": "Only owners can change roles",
  "members.remove": "You cannot remove this member",
  "ownership.transfer": "Only owners can transfer ownership",
  "invites.manage": "Only owners and moderators can manage invitations",
  "documents.create": "Only owners and moderators can add documents in this workspace",
  "documents.revise": "Only owners and moderators can revise documents",
};

export function membershipContext(row: {
  userId: string;
  workspaceId: string;
  role: Role;
  workspace: { settings: unknown };
}): MembershipContext {
  return {
    userId: row.userId,
    workspaceId: row.workspaceId,
    role: row.role,
    settings: workspaceSettingsSchema.parse(row.workspace.settings ?? {}),
  };
}

/** The abilities a workspace reply carries. */
export function workspaceAbilities(membership: MembershipContext) {
  return {
    update: can(membership, "workspace.update"),
    manageMembers: can(membership, "members.changeRole"),
    removeMembers: can(membership, "members.remove", { targetRole: "member" }),
    manageInvites: can(membership, "invites.manage"),
    transferOwnership: can(membership, "ownership.transfer"),
    addDocuments: can(membership, "documents.create"),
    reviseDocuments: can(membership, "documents.revise"),
    manageTags: can(membership, "tags.manage"),
    readParticipation: can(membership, "participation.read"),
  };
}
export type WorkspaceAbilities = ReturnType<typeof workspaceAbilities>;

/** Private annotations are visible to their author alone; shared ones to every member.
 * Queries that list annotations put this in their `where`. */
export function visibleAnnotationsWhere(userId: string) {
  return { OR: [{ visibility: "workspace" as const }, { authorId: userId }] };
}

/** The same rule in SQL, for reads through the `postgres` client (exports stream through a
 * cursor): `a` must be the alias of "Annotation" in the query. */
export function visibleAnnotationsSql(sql: Sql, userId: string): PendingQuery<Row[]> {
  return sql`(a.visibility = 'workspace' OR a."authorId" = ${userId})`;
}

export function canSeeAnnotation(
  membership: MembershipContext | null,
  annotation: { authorId: string; visibility: "workspace" | "private" },
): boolean {
  if (!membership) return false;
  return annotationVisibleTo(membership.userId, annotation);
}

/** The visibility rule alone, for a member already known to belong (notifications). */
export function annotationVisibleTo(
  userId: string,
  annotation: { authorId: string; visibility: "workspace" | "private" },
): boolean {
  return annotation.visibility === "workspace" || annotation.authorId === userId;
}

/** What the actor may do to one annotation: its author edits and deletes it; owners and
 * moderators resolve and delete anyone's (moderation); every member may reply to what they see. */
export function annotationAbilities(
  membership: MembershipContext,
  annotation: { authorId: string },
) {
  const isAuthor = annotation.authorId === membership.userId;
  const moderates = can(membership, "annotations.moderate");
  return {
    update: isAuthor,
    delete: isAuthor || moderates,
    resolve: isAuthor || moderates,
    reply: can(membership, "annotations.create"),
  };
}
export type AnnotationAbilities = ReturnType<typeof annotationAbilities>;

/** What the actor may do to one reply: its author edits it; its author, moderators and owners
 * delete it (a tombstone); nothing is done to a deleted one but replying around it. */
export function replyAbilities(
  membership: MembershipContext,
  reply: { authorId: string; deletedAt: Date | null },
) {
  const isAuthor = reply.authorId === membership.userId;
  const alive = reply.deletedAt === null;
  return {
    update: alive && isAuthor,
    delete: alive && (isAuthor || can(membership, "annotations.moderate")),
    reply: alive && can(membership, "annotations.create"),
  };
}
export type ReplyAbilities = ReturnType<typeof replyAbilities>;
