"use server";

import { redirect } from "next/navigation";

import { signOut } from "@/lib/server/auth/auth";
import { parseForm, runAction, type ActionFailure } from "@/lib/server/http/action";
import { createWorkspace } from "@/lib/server/workspaces/create-workspace";
import { createWorkspaceSchema } from "@/lib/shared/schemas/workspace";

export async function signOutAction(): Promise<void> {
  await signOut({ redirectTo: "/" });
}

// Creates a workspace (with the seed article in it) and opens it.
export async function createWorkspaceAction(
  _previous: unknown,
  form: FormData,
): Promise<ActionFailure | null> {
  const result = await runAction("createWorkspaceAction", async (actor) =>
    createWorkspace(
      actor,
      parseForm(createWorkspaceSchema, {
        name: form.get("name"),
        kind: form.get("kind") ?? "team",
      }),
    ),
  );
  if (result.ok) redirect(`/workspaces/${result.data.id}`);
  return result;
}
