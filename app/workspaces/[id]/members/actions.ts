"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";

import { createInvite } from "@/lib/server/invites/create-invite";
import { revokeInvite } from "@/lib/server/invites/list-invites";
import { parseForm, runAction, type ActionFailure } from "@/lib/server/http/action";
import { changeMemberRole } from "@/lib/server/workspaces/change-member-role";
import { removeMember } from "@/lib/server/workspaces/remove-member";
import { transferOwnership } from "@/lib/server/workspaces/transfer-ownership";
import { updateWorkspace } from "@/lib/server/workspaces/update-workspace";
import { idSchema } from "@/lib/shared/schemas/common";
import {
  createInviteSchema,
  roleSchema,
  workspaceNameSchema,
} from "@/lib/shared/schemas/workspace";

// The members and settings page's actions. Each is bound to the workspace id by the page.

export async function updateWorkspaceAction(
  workspaceId: string,
  _previous: unknown,
  form: FormData,
) {
  return runAction("updateWorkspaceAction", async (actor) => {
    const input = parseForm(
      z.object({
        name: workspaceNameSchema,
        kind: z.enum(["team", "class"]),
        membersMayAddDocuments: z.boolean(),
      }),
      {
        name: form.get("name"),
        kind: form.get("kind"),
        membersMayAddDocuments: form.get("membersMayAddDocuments") === "on",
      },
    );
    await updateWorkspace(actor, parseForm(idSchema, workspaceId), {
      name: input.name,
      kind: input.kind,
      settings: { membersMayAddDocuments: input.membersMayAddDocuments },
    });
    return "Saved";
  });
}

export async function changeMemberRoleAction(
  workspaceId: string,
  userId: string,
  _previous: unknown,
  form: FormData,
) {
  return runAction("changeMemberRoleAction", async (actor) => {
    await changeMemberRole(
      actor,
      parseForm(idSchema, workspaceId),
      parseForm(idSchema, userId),
      parseForm(roleSchema, form.get("role")),
    );
    return "Role changed";
  });
}

export async function removeMemberAction(workspaceId: string, userId: string) {
  return runAction("removeMemberAction", async (actor) => {
    await removeMember(actor, parseForm(idSchema, workspaceId), parseForm(idSchema, userId));
  });
}

export async function leaveWorkspaceAction(workspaceId: string): Promise<ActionFailure | null> {
  const result = await runAction("leaveWorkspaceAction", async (actor) => {
    await removeMember(actor, parseForm(idSchema, workspaceId), actor.userId);
  });
  if (result.ok) redirect("/");
  return result;
}

export async function transferOwnershipAction(
  workspaceId: string,
  _previous: unknown,
  form: FormData,
) {
  return runAction("transferOwnershipAction", async (actor) => {
    await transferOwnership(
      actor,
      parseForm(idSchema, workspaceId),
      parseForm(idSchema, form.get("userId")),
    );
    return "Ownership transferred";
  });
}

export async function createInviteAction(workspaceId: string, _previous: unknown, form: FormData) {
  return runAction("createInviteAction", async (actor) => {
    const input = parseForm(createInviteSchema, {
      role: form.get("role") ?? "member",
      expiresInDays: Number(form.get("expiresInDays") ?? 7),
      revokeOthers: form.get("revokeOthers") === "on",
    });
    const origin = await requestOrigin();
    return createInvite(actor, parseForm(idSchema, workspaceId), input, origin);
  });
}

export async function revokeInviteAction(workspaceId: string, inviteId: string) {
  return runAction("revokeInviteAction", async (actor) => {
    await revokeInvite(actor, parseForm(idSchema, workspaceId), parseForm(idSchema, inviteId));
  });
}

async function requestOrigin(): Promise<string | null> {
  const h = await headers();
  const host = h.get("x-forwarded-host") ?? h.get("host");
  return host ? `${h.get("x-forwarded-proto") ?? "http"}://${host}` : null;
}
