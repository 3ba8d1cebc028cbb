import { ArrowLeftIcon } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { connection } from "next/server";

import { ActionForm } from "@/components/ui/action-form";
import { Input, Label, Select } from "@/components/ui/field";
import { ActionButton, InviteForm, MemberList } from "@/components/workspaces/members-panel";
import { requirePageActor } from "@/lib/server/auth/current-actor";
import { orNotFound, pageId } from "@/lib/server/http/page";
import { listInvites } from "@/lib/server/invites/list-invites";
import { getWorkspaceOrThrow } from "@/lib/server/workspaces/get-workspace";
import { listMembers } from "@/lib/server/workspaces/list-members";

import {
  changeMemberRoleAction,
  createInviteAction,
  leaveWorkspaceAction,
  removeMemberAction,
  revokeInviteAction,
  transferOwnershipAction,
  updateWorkspaceAction,
} from "./actions";

export const metadata: Metadata = { title: "Members" };

type Props = { params: Promise<{ id: string }> };

export default async function MembersPage({ params }: Props) {
  await connection();
  const workspaceId = pageId((await params).id);
  const actor = await requirePageActor(`/workspaces/${workspaceId}/members`);
  const workspace = await orNotFound(() => getWorkspaceOrThrow(actor, workspaceId));
  const members = await listMembers(actor, workspaceId);
  const invites = workspace.abilities.manageInvites ? await listInvites(actor, workspaceId) : [];
  const others = members.filter((member) => !member.isYou);

  return (
    <div className="mx-auto max-w-3xl space-y-10 px-4 py-8 sm:px-6 sm:py-12">
      <div>
        <Link
          href={`/workspaces/${workspaceId}`}
          className="text-muted hover:text-ink inline-flex items-center gap-1.5 text-sm"
        >
          <ArrowLeftIcon className="size-4" aria-hidden /> {workspace.name}
        </Link>
        <h1 className="mt-3 font-serif text-3xl font-semibold tracking-tight">Members</h1>
        <p className="text-muted mt-1">
          You are {workspace.role === "owner" ? "an owner" : `a ${workspace.role}`} of this{" "}
          {workspace.kind}.
        </p>
      </div>

      <section aria-labelledby="members-title" className="space-y-3">
        <h2 id="members-title" className="font-semibold">
          {members.length} {members.length === 1 ? "member" : "members"}
        </h2>
        <MemberList
          members={members.map((member) => ({
            ...member,
            changeRole: changeMemberRoleAction.bind(null, workspaceId, member.userId),
            remove: removeMemberAction.bind(null, workspaceId, member.userId),
          }))}
        />
      </section>

      {workspace.abilities.manageInvites && (
        <section
          aria-labelledby="invites-title"
          className="border-line space-y-4 rounded-xl border bg-white p-5 sm:p-6"
        >
          <h2 id="invites-title" className="font-semibold">
            Invite people
          </h2>
          <InviteForm action={createInviteAction.bind(null, workspaceId)} />
          {invites.length > 0 && (
            <table className="w-full text-left text-sm">
              <caption className="sr-only">Invite links</caption>
              <thead className="text-muted text-xs">
                <tr>
                  <th className="py-2 font-medium">Created</th>
                  <th className="py-2 font-medium">Role</th>
                  <th className="py-2 font-medium">Uses</th>
                  <th className="py-2 font-medium">State</th>
                  <th className="py-2">
                    <span className="sr-only">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody className="divide-line divide-y">
                {invites.map((invite) => (
                  <tr key={invite.id}>
                    <td className="py-2">
                      {new Date(invite.createdAt).toLocaleDateString("en", { dateStyle: "medium" })}
                      {invite.createdBy && (
                        <span className="text-muted block text-xs">by {invite.createdBy}</span>
                      )}
                    </td>
                    <td className="py-2 capitalize">{invite.role}</td>
                    <td className="py-2">{invite.uses}</td>
                    <td className="py-2">
                      {invite.state}
                      {invite.state === "open" && (
                        <span className="text-muted block text-xs">
                          until{" "}
                          {new Date(invite.expiresAt).toLocaleDateString("en", {
                            dateStyle: "medium",
                          })}
                        </span>
                      )}
                    </td>
                    <td className="py-2 text-right">
                      {invite.state === "open" && (
                        <ActionButton
                          run={revokeInviteAction.bind(null, workspaceId, invite.id)}
                          label="Revoke"
                          variant="ghost"
                        />
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      )}

      {workspace.abilities.update && (
        <section
          aria-labelledby="settings-title"
          className="border-line space-y-4 rounded-xl border bg-white p-5 sm:p-6"
        >
          <h2 id="settings-title" className="font-semibold">
            Settings
          </h2>
          <ActionForm
            action={updateWorkspaceAction.bind(null, workspaceId)}
            submitLabel="Save settings"
            success="Saved."
          >
            <div className="grid gap-3 sm:grid-cols-[1fr_10rem]">
              <div className="space-y-1.5">
                <Label htmlFor="ws-name">Name</Label>
                <Input
                  id="ws-name"
                  name="name"
                  defaultValue={workspace.name}
                  required
                  maxLength={120}
                />
              </div>
              <div className="space-y-1.5">
                <Label htmlFor="ws-kind">Kind</Label>
                <Select id="ws-kind" name="kind" defaultValue={workspace.kind}>
                  <option value="team">Team</option>
                  <option value="class">Class</option>
                </Select>
              </div>
            </div>
            <label className="flex items-center gap-2 text-sm">
              <input
                type="checkbox"
                name="membersMayAddDocuments"
                defaultChecked={workspace.settings.membersMayAddDocuments}
                className="size-4"
              />
              Members may add documents (owners and moderators always can)
            </label>
          </ActionForm>
          {workspace.abilities.transferOwnership && others.length > 0 && (
            <ActionForm
              action={transferOwnershipAction.bind(null, workspaceId)}
              submitLabel="Transfer ownership"
              variant="secondary"
              confirm="Hand this workspace to another member? You will become a moderator."
              success="Ownership transferred."
              className="border-line border-t pt-4"
            >
              <Label htmlFor="transfer-to">Transfer ownership to</Label>
              <Select id="transfer-to" name="userId">
                {others.map((member) => (
                  <option key={member.userId} value={member.userId}>
                    {member.name} ({member.role})
                  </option>
                ))}
              </Select>
            </ActionForm>
          )}
        </section>
      )}

      <section
        aria-labelledby="leave-title"
        className="border-danger/30 rounded-xl border p-5 sm:p-6"
      >
        <h2 id="leave-title" className="font-semibold">
          Leave this workspace
        </h2>
        <p className="text-muted mt-1 mb-3 text-sm">
          You will lose access to its documents and discussions. The last owner cannot leave: make
          someone else an owner first.
        </p>
        <ActionButton
          run={leaveWorkspaceAction.bind(null, workspaceId)}
          label="Leave workspace"
          confirm="Leave this workspace?"
        />
      </section>
    </div>
  );
}
