"use client";

import { ActionForm, type FormAction } from "@/components/ui/action-form";
import { CopyField } from "@/components/ui/copy-field";
import { Input, Label } from "@/components/ui/field";

export function CreateTokenForm({ action }: { action: FormAction }) {
  return (
    <ActionForm
      action={action}
      submitLabel="Create token"
      success={(data) => <NewToken token={(data as { token: string }).token} />}
    >
      <div className="space-y-1.5">
        <Label htmlFor="token-name">Token name</Label>
        <Input
          id="token-name"
          name="name"
          required
          maxLength={100}
          placeholder="e.g. export script"
        />
      </div>
    </ActionForm>
  );
}

function NewToken({ token }: { token: string }) {
  return (
    <div role="status" className="border-accent/30 bg-accent-soft rounded-lg border p-3">
      <p className="text-sm font-medium">Copy your token now: it is not shown again.</p>
      <CopyField value={token} label="New token" />
      <p className="text-muted mt-1 text-xs">
        Send it as <code>Authorization: Bearer …</code> to /api/v1.
      </p>
    </div>
  );
}

export function ProfileForm({ action, name }: { action: FormAction; name: string }) {
  return (
    <ActionForm
      action={action}
      submitLabel="Save"
      success={() => (
        <p role="status" className="text-success text-sm">
          Saved.
        </p>
      )}
    >
      <div className="space-y-1.5">
        <Label htmlFor="profile-name">Name</Label>
        <Input id="profile-name" name="name" defaultValue={name} required maxLength={100} />
      </div>
    </ActionForm>
  );
}

export function PasswordForm({
  action,
  hasPassword,
}: {
  action: FormAction;
  hasPassword: boolean;
}) {
  return (
    <ActionForm
      action={action}
      submitLabel={hasPassword ? "Change password" : "Set password"}
      success={(message) => (
        <p role="status" className="text-success text-sm">
          {String(message)}
        </p>
      )}
    >
      {hasPassword && (
        <div className="space-y-1.5">
          <Label htmlFor="current-password">Current password</Label>
          <Input
            id="current-password"
            name="currentPassword"
            type="password"
            autoComplete="current-password"
            required
          />
        </div>
      )}
      <div className="space-y-1.5">
        <Label htmlFor="new-password">New password</Label>
        <Input
          id="new-password"
          name="newPassword"
          type="password"
          autoComplete="new-password"
          required
          minLength={10}
        />
      </div>
    </ActionForm>
  );
}
