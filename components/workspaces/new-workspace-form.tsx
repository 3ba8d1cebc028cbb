"use client";

import { ActionForm, type FormAction } from "@/components/ui/action-form";
import { Input, Label, Select } from "@/components/ui/field";

export function NewWorkspaceForm({ action }: { action: FormAction }) {
  return (
    <ActionForm
      action={action}
      submitLabel="Create workspace"
      className="grid gap-3 sm:grid-cols-[1fr_10rem_auto] sm:items-end"
    >
      <div className="space-y-1.5">
        <Label htmlFor="workspace-name">Name</Label>
        <Input
          id="workspace-name"
          name="name"
          required
          maxLength={120}
          placeholder="e.g. Eurasia seminar, spring term"
        />
      </div>
      <div className="space-y-1.5">
        <Label htmlFor="workspace-kind">Kind</Label>
        <Select id="workspace-kind" name="kind" defaultValue="team">
          <option value="team">Team</option>
          <option value="class">Class</option>
        </Select>
      </div>
    </ActionForm>
  );
}
