"use server";

import { redirect } from "next/navigation";
import { z } from "zod";

import { acceptInvite } from "@/lib/server/invites/accept-invite";
import { parseForm, runAction, type ActionFailure } from "@/lib/server/http/action";

// Joins the invitation's workspace and opens it.
export async function acceptInviteAction(code: string): Promise<ActionFailure | null> {
  const result = await runAction("acceptInviteAction", async (actor) =>
    acceptInvite(actor, parseForm(z.string().max(100), code)),
  );
  if (result.ok) redirect(`/workspaces/${result.data.workspaceId}`);
  return result;
}
