import type { Metadata } from "next";
import Link from "next/link";
import { connection } from "next/server";

import { AuthCard } from "@/components/auth/auth-card";
import { Button } from "@/components/ui/button";
import { ActionButton } from "@/components/workspaces/members-panel";
import { currentActor } from "@/lib/server/auth/current-actor";
import { AppError } from "@/lib/server/errors";
import { previewInvite, type InvitePreview } from "@/lib/server/invites/accept-invite";

import { acceptInviteAction } from "./actions";

export const metadata: Metadata = { title: "Invitation" };

type Props = { params: Promise<{ code: string }> };

export default async function InvitePage({ params }: Props) {
  await connection();
  const { code } = await params;
  let invite: InvitePreview | null = null;
  let problem: string | null = null;
  try {
    invite = await previewInvite(code);
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    problem = error.message;
  }
  if (!invite) {
    return (
      <AuthCard title="Invitation">
        <p role="alert">{problem}</p>
      </AuthCard>
    );
  }
  const actor = await currentActor();
  const back = `/invite/${code}`;
  return (
    <AuthCard
      title={`Join ${invite.workspaceName}`}
      subtitle={`You are invited to this ${invite.kind} as a ${invite.role}.`}
    >
      {actor ? (
        <div className="space-y-3">
          <p className="text-sm">Signed in as {actor.email}.</p>
          <ActionButton
            run={acceptInviteAction.bind(null, code)}
            label={`Join ${invite.workspaceName}`}
          />
        </div>
      ) : (
        <div className="flex flex-col gap-2">
          <Button asChild>
            <Link href={`/sign-up?invite=${encodeURIComponent(code)}`}>Sign up and join</Link>
          </Button>
          <Button asChild variant="secondary">
            <Link href={`/sign-in?callbackUrl=${encodeURIComponent(back)}`}>
              I have an account: sign in
            </Link>
          </Button>
        </div>
      )}
    </AuthCard>
  );
}
