"use client";

import { LoaderCircleIcon } from "lucide-react";
import { useState, useTransition } from "react";

import { ActionForm, type FormAction } from "@/components/ui/action-form";
import { Button } from "@/components/ui/button";
import { CopyField } from "@/components/ui/copy-field";
import { FieldError, Label, Select } from "@/components/ui/field";

type Failure = { ok: false; message: string } | { ok: true } | null;

export interface MemberRow {
  userId: string;
  name: string;
  email: string;
  role: "owner" | "moderator" | "member";
  isYou: boolean;
  abilities: { changeRole: boolean; remove: boolean };
  changeRole: FormAction;
  remove: () => Promise<Failure>;
}

/** A button that runs a bound server action and shows its refusal. */
export function ActionButton(props: {
  run: () => Promise<Failure>;
  label: string;
  confirm?: string;
  variant?: "secondary" | "ghost";
}) {
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  return (
    <span className="inline-flex flex-col items-end gap-1">
      <Button
        size="sm"
        variant={props.variant ?? "secondary"}
        disabled={pending}
        onClick={() => {
          if (props.confirm && !window.confirm(props.confirm)) return;
          start(async () => {
            const result = await props.run();
            setError(result && !result.ok ? result.message : null);
          });
        }}
      >
        {pending && <LoaderCircleIcon className="animate-spin" aria-hidden />}
        {props.label}
      </Button>
      {error && <FieldError className="text-xs">{error}</FieldError>}
    </span>
  );
}

export function MemberList({ members }: { members: MemberRow[] }) {
  return (
    <ul
      className="divide-line border-line divide-y rounded-xl border bg-white"
      aria-label="Members"
    >
      {members.map((member) => (
        <li
          key={member.userId}
          className="flex flex-wrap items-center justify-between gap-3 px-4 py-3 sm:px-5"
        >
          <div className="min-w-0">
            <p className="truncate font-medium">
              {member.name}{" "}
              {member.isYou && <span className="text-muted text-sm font-normal">(you)</span>}
            </p>
            <p className="text-muted truncate text-sm">{member.email}</p>
          </div>
          <div className="flex flex-wrap items-start gap-2">
            {member.abilities.changeRole ? (
              <ActionForm
                action={member.changeRole}
                submitLabel="Change"
                size="sm"
                variant="secondary"
                className="flex items-start gap-2 space-y-0"
              >
                <label htmlFor={`role-${member.userId}`} className="sr-only">
                  Role of {member.name}
                </label>
                <Select
                  id={`role-${member.userId}`}
                  name="role"
                  defaultValue={member.role}
                  className="h-8 w-32 text-sm"
                >
                  <option value="owner">Owner</option>
                  <option value="moderator">Moderator</option>
                  <option value="member">Member</option>
                </Select>
              </ActionForm>
            ) : (
              <span className="bg-ink/5 rounded-full px-2.5 py-1 text-xs font-medium capitalize">
                {member.role}
              </span>
            )}
            {member.abilities.remove && (
              <ActionButton
                run={member.remove}
                label="Remove"
                confirm={`Remove ${member.name} from this workspace?`}
              />
            )}
          </div>
        </li>
      ))}
    </ul>
  );
}

interface CreatedInvite {
  url: string;
  expiresAt: string;
  role: string;
}

export function InviteForm({ action }: { action: FormAction }) {
  return (
    <ActionForm
      action={action}
      submitLabel="Create invite link"
      success={(data) => <InviteLink invite={data as CreatedInvite} />}
      className="space-y-4"
    >
      <div className="grid gap-3 sm:grid-cols-2">
        <div className="space-y-1.5">
          <Label htmlFor="invite-role">Joins as</Label>
          <Select id="invite-role" name="role" defaultValue="member">
            <option value="member">Member</option>
            <option value="moderator">Moderator</option>
          </Select>
        </div>
        <div className="space-y-1.5">
          <Label htmlFor="invite-days">Expires after</Label>
          <Select id="invite-days" name="expiresInDays" defaultValue="7">
            <option value="1">1 day</option>
            <option value="7">7 days</option>
            <option value="30">30 days</option>
          </Select>
        </div>
      </div>
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" name="revokeOthers" className="size-4" /> Revoke the open invite
        links (reset)
      </label>
    </ActionForm>
  );
}

function InviteLink({ invite }: { invite: CreatedInvite }) {
  return (
    <div className="border-accent/30 bg-accent-soft rounded-lg border p-3" role="status">
      <p className="text-sm font-medium">Share this link. It is shown only now.</p>
      <CopyField value={invite.url} label="Invite link" />
      <p className="text-muted mt-1 text-xs">
        Joins as {invite.role}; expires{" "}
        {new Date(invite.expiresAt).toLocaleString("en", {
          dateStyle: "medium",
          timeStyle: "short",
        })}
        .
      </p>
    </div>
  );
}
