import "server-only";

import type { RoutePolicy } from "@/lib/server/http/route-policies";

// Every server action declares here who may call it, like ROUTE_POLICIES for the API. The
// authorization matrix test finds the actions in app/**/actions.ts itself and fails for one
// without a policy.
export const ACTION_POLICIES = {
  signInAction: { access: "public" },
  oauthSignInAction: { access: "public" },
  signUpAction: { access: "public" },
  signOutAction: { access: "public" },
  createWorkspaceAction: { access: "signed-in" },
  updateProfileAction: { access: "signed-in" },
  changePasswordAction: { access: "signed-in" },
  createTokenAction: { access: "signed-in" },
  revokeTokenAction: { access: "signed-in", note: "own tokens only" },
  acceptInviteAction: { access: "signed-in" },
  addDocumentAction: { access: "member", action: "documents.create" },
  updateWorkspaceAction: { access: "member", action: "workspace.update" },
  changeMemberRoleAction: { access: "member", action: "members.changeRole" },
  removeMemberAction: { access: "member", action: "members.remove" },
  leaveWorkspaceAction: { access: "member", action: "workspace.leave" },
  transferOwnershipAction: { access: "member", action: "ownership.transfer" },
  createInviteAction: { access: "member", action: "invites.manage" },
  revokeInviteAction: { access: "member", action: "invites.manage" },
  markAllReadAction: { access: "signed-in", note: "own notifications only" },
  createTagAction: { access: "member", action: "tags.create" },
  updateTagAction: { access: "member", action: "tags.manage" },
  mergeTagAction: { access: "member", action: "tags.manage" },
  deleteTagAction: { access: "member", action: "tags.manage" },
} as const satisfies Record<string, RoutePolicy>;

export type ActionName = keyof typeof ACTION_POLICIES;
