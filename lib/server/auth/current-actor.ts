import "server-only";

import { redirect } from "next/navigation";

import { actorFromSession, type Actor } from "@/lib/server/auth/actor";
import { auth } from "@/lib/server/auth/auth";

/** The signed-in user, for pages and server actions (which have no Request). */
export async function currentActor(): Promise<Actor | null> {
  const session = await auth();
  return actorFromSession(session?.user?.id, (session as { sv?: unknown } | null)?.sv);
}

/** Pages that need a signed-in user send everyone else to sign in, and back afterwards. */
export async function requirePageActor(returnTo: string): Promise<Actor> {
  const actor = await currentActor();
  if (!actor) redirect(`/sign-in?callbackUrl=${encodeURIComponent(returnTo)}`);
  return actor;
}
