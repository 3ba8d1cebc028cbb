"use client";

import { ActionForm, type FormAction } from "@/components/ui/action-form";
import { Input, Label } from "@/components/ui/field";

export function SignInForm({ action, callbackUrl }: { action: FormAction; callbackUrl: string }) {
  return (
    <ActionForm action={action} submitLabel="Sign in" submitClassName="w-full">
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      <div className="space-y-1.5">
        <Label htmlFor="email">Email</Label>
        <Input id="email" name="email" type="email" autoComplete="email" required autoFocus />
      </div>
      <div className="space-y-1.5">
        <Label htmlFor="password">Password</Label>
        <Input
          id="password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
        />
      </div>
    </ActionForm>
  );
}

export function SignUpForm({ action, invite }: { action: FormAction; invite: string | null }) {
  return (
    <ActionForm action={action} submitLabel="Sign up" submitClassName="w-full">
      {invite && <input type="hidden" name="invite" value={invite} />}
      <div className="space-y-1.5">
        <Label htmlFor="name">Name</Label>
        <Input id="name" name="name" autoComplete="name" required autoFocus maxLength={100} />
      </div>
      <div className="space-y-1.5">
        <Label htmlFor="email">Email</Label>
        <Input id="email" name="email" type="email" autoComplete="email" required />
      </div>
      <div className="space-y-1.5">
        <Label htmlFor="password">Password</Label>
        <Input
          id="password"
          name="password"
          type="password"
          autoComplete="new-password"
          required
          minLength={10}
          aria-describedby="password-hint"
        />
        <p id="password-hint" className="text-muted text-xs">
          At least 10 characters.
        </p>
      </div>
    </ActionForm>
  );
}
